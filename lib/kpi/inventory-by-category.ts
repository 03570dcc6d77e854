import { type Filters, NO_FILTERS } from "../filters";
import { filterCondition } from "../filters/sql";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type InventoryByCategoryRow = { category: string; parts: number; units: number; inventory_value: string };

/**
 * Stock on hand by part category across the plants in scope (and the plant
 * filter): distinct parts stocked, units, value (quantity × current cost).
 * Stock is a current state: the date range does not apply.
 */
export async function fetchInventoryByCategory(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<InventoryByCategoryRow[]> {
  const rows = await db.$queryRaw<Array<{ category: string; parts: unknown; units: unknown; inventory_value: unknown }>>(Prisma.sql`
    SELECT p.category,
           COUNT(DISTINCT i.part_id) AS parts,
           SUM(i.quantity) AS units,
           SUM(i.quantity * p.cost) AS inventory_value
    FROM inventory i
    JOIN parts p ON p.part_id = i.part_id
    WHERE ${plantScopeCondition(scope, Prisma.sql`i.plant_id`)}
      AND ${filterCondition(filters, { plant: Prisma.sql`i.plant_id` })}
    GROUP BY p.category
    ORDER BY inventory_value DESC, p.category`);
  return rows.map((row) => ({
    category: row.category,
    parts: count(row.parts),
    units: count(row.units),
    inventory_value: money(row.inventory_value),
  }));
}

export const inventoryByCategory: KpiDefinition<InventoryByCategoryRow> = {
  name: "inventory-by-category",
  title: "Inventory value by part category",
  description: "Parts stocked, units and value (quantity × current unit cost) per part category, over the plants in view.",
  permission: "inventory:view",
  columns: [
    { key: "category", label: "Category", kind: "text" },
    { key: "parts", label: "Parts", kind: "count" },
    { key: "units", label: "Units", kind: "count" },
    { key: "inventory_value", label: "Inventory value", kind: "money" },
  ],
  fetch: fetchInventoryByCategory,
};
