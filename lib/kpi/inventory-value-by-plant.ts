import { type Filters, NO_FILTERS } from "../filters";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { filterCondition } from "../filters/sql";
import { Prisma } from "../generated/prisma/client";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

/** `plant_id` is extra to the reference columns: the dashboard links each plant to its detail page. */
export type InventoryValueRow = { plant_name: string; total_inventory_value: string; plant_id: number };

/**
 * Reference KPI 2 of the data contract: stock on hand × part cost, per plant in
 * `scope`. Of the filters only the plant applies (stock has no date, model,
 * region or channel). Read from the raw tables: inventory holds one row per
 * plant and part (about 6,000), summed in a few milliseconds.
 */
export async function fetchInventoryValueByPlant(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<InventoryValueRow[]> {
  const rows = await db.$queryRaw<Array<{ plant_name: string; total_inventory_value: unknown; plant_id: unknown }>>(Prisma.sql`
    SELECT pl.name AS plant_name,
           SUM(i.quantity * p.cost) AS total_inventory_value,
           MIN(pl.plant_id) AS plant_id
    FROM inventory i
    JOIN parts p ON i.part_id = p.part_id
    JOIN plants pl ON i.plant_id = pl.plant_id
    WHERE ${plantScopeCondition(scope, Prisma.sql`i.plant_id`)}
      AND ${filterCondition(filters, { plant: Prisma.sql`i.plant_id` })}
    GROUP BY pl.name
    ORDER BY total_inventory_value DESC, plant_name`);
  return rows.map((row) => ({
    plant_name: row.plant_name,
    total_inventory_value: money(row.total_inventory_value),
    plant_id: count(row.plant_id),
  }));
}

export const inventoryValueByPlant: KpiDefinition<InventoryValueRow> = {
  name: "inventory-value-by-plant",
  title: "Inventory value by plant",
  description: "Value of the parts on hand at each plant (quantity × unit cost).",
  permission: "inventory:view",
  columns: [
    { key: "plant_name", label: "Plant", kind: "text" },
    { key: "total_inventory_value", label: "Inventory value", kind: "money" },
  ],
  fetch: fetchInventoryValueByPlant,
};
