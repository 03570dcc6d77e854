// The eight warehouse tables in load order, and a generator that produces
// them as CSV chunks. Each chunk ends at a row boundary.

import { CUSTOMER_COLUMNS, customerRows } from "./customers";
import { PART_CATEGORIES, PLANTS, SUPPLIERS } from "./catalog";
import { CUSTOMER_CHUNK, type Plan, VEHICLE_CHUNK, buildPlan, vehicleChunkCount } from "./plan";
import { inventoryRows, partRows, plantRows, supplierRows } from "./reference";
import { SALES_COLUMNS, salesRows } from "./sales";
import { SERVICE_COLUMNS, serviceRows } from "./service";
import { VEHICLE_COLUMNS, vehicleRows } from "./vehicles";
import { type World, createWorld } from "./world";

import { TABLE_NAMES, type TableName } from "./table-names";

export { TABLE_NAMES, type TableName };

export const TABLE_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  plants: ["plant_id", "name", "city", "country", "annual_capacity"],
  suppliers: ["supplier_id", "name", "country", "quality_rating"],
  parts: ["part_id", "part_number", "name", "category", "supplier_id", "cost"],
  inventory: ["plant_id", "part_id", "quantity", "reorder_point", "updated_at"],
  vehicles: VEHICLE_COLUMNS,
  customers: CUSTOMER_COLUMNS,
  salesorders: SALES_COLUMNS,
  servicerecords: SERVICE_COLUMNS,
};

/** A chunk of CSV text and the number of rows in it. */
export type Chunk = { text: string; rows: number };

function countRows(text: string): number {
  let n = 0;
  let at = text.indexOf("\n");
  while (at !== -1) {
    n += 1;
    at = text.indexOf("\n", at + 1);
  }
  return n;
}

/**
 * Produces the tables of one (seed, scale). The plan behind the vehicle,
 * customer, order and service tables is built on first use.
 */
export class DataGenerator {
  readonly world: World;
  private built?: Plan;

  constructor(seed: number, scale: number) {
    this.world = createWorld(seed, scale);
  }

  /** Whether the plan has been built already. */
  get hasPlan(): boolean {
    return this.built !== undefined;
  }

  get plan(): Plan {
    this.built ??= buildPlan(this.world);
    return this.built;
  }

  /** Exact row counts per table (builds the plan). */
  rowCounts(): Record<TableName, number> {
    const plan = this.plan;
    let inventory = 0;
    for (const chunk of this.chunks("inventory")) inventory += chunk.rows;
    return {
      plants: PLANTS.length,
      suppliers: SUPPLIERS.length,
      parts: PART_CATEGORIES.reduce((sum, c) => sum + c.count, 0),
      inventory,
      vehicles: plan.vehicleCount,
      customers: plan.customerCount,
      salesorders: plan.orderCount,
      servicerecords: plan.serviceRecordCount,
    };
  }

  *chunks(table: TableName): Generator<Chunk> {
    const world = this.world;
    const one = (text: string): Chunk => ({ text, rows: countRows(text) });
    switch (table) {
      case "plants":
        yield one(plantRows(world));
        return;
      case "suppliers":
        yield one(supplierRows(world));
        return;
      case "parts":
        yield one(partRows(world));
        return;
      case "inventory":
        yield one(inventoryRows(world));
        return;
      case "vehicles": {
        const plan = this.plan;
        const chunks = vehicleChunkCount(world);
        for (let k = 0; k < chunks; k++) {
          const from = k * VEHICLE_CHUNK;
          yield { text: vehicleRows(plan, k), rows: Math.min(world.vehicleCount, from + VEHICLE_CHUNK) - from };
        }
        return;
      }
      case "customers": {
        const plan = this.plan;
        for (let from = 1; from <= plan.customerCount; from += CUSTOMER_CHUNK) {
          const to = Math.min(plan.customerCount, from + CUSTOMER_CHUNK - 1);
          yield { text: customerRows(world, plan, from, to), rows: to - from + 1 };
        }
        return;
      }
      case "salesorders": {
        const plan = this.plan;
        const chunks = vehicleChunkCount(world);
        for (let k = 0; k < chunks; k++) yield { text: salesRows(world, plan, k), rows: plan.chunkOrders[k] as number };
        return;
      }
      case "servicerecords": {
        const plan = this.plan;
        const chunks = vehicleChunkCount(world);
        for (let k = 0; k < chunks; k++) {
          yield { text: serviceRows(world, plan, k), rows: plan.chunkServiceRecords[k] as number };
        }
        return;
      }
    }
  }
}
