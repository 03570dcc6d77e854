import { type Filters, NO_FILTERS } from "../filters";
import { filterCondition } from "../filters/sql";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type PartBelowReorderRow = {
  plant_id: number;
  plant_name: string;
  part_number: string;
  part_name: string;
  category: string;
  quantity: number;
  reorder_point: number;
  /** reorder_point − quantity (0 for a part exactly at its reorder point). */
  shortfall: number;
  unit_cost: string;
  /** shortfall × unit cost: what it takes to bring the part back to its reorder point. */
  shortfall_value: string;
  supplier_name: string;
  /** The supplier's quality rating, 0.00–5.00. */
  supplier_rating: string;
};

/**
 * Stock lines at or below their reorder point in the plants in scope (and the
 * plant filter), with their supplier: largest shortfall value first, then
 * largest shortfall. A current state: the date range does not apply.
 */
export async function fetchPartsBelowReorder(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<PartBelowReorderRow[]> {
  const rows = await db.$queryRaw<Array<Record<keyof PartBelowReorderRow, unknown>>>(Prisma.sql`
    SELECT pl.plant_id, pl.name AS plant_name, p.part_number, p.name AS part_name, p.category,
           i.quantity, i.reorder_point, i.reorder_point - i.quantity AS shortfall,
           p.cost AS unit_cost, (i.reorder_point - i.quantity) * p.cost AS shortfall_value,
           s.name AS supplier_name, s.quality_rating AS supplier_rating
    FROM inventory i
    JOIN parts p ON p.part_id = i.part_id
    JOIN suppliers s ON s.supplier_id = p.supplier_id
    JOIN plants pl ON pl.plant_id = i.plant_id
    WHERE i.quantity <= i.reorder_point
      AND ${plantScopeCondition(scope, Prisma.sql`i.plant_id`)}
      AND ${filterCondition(filters, { plant: Prisma.sql`i.plant_id` })}
    ORDER BY shortfall_value DESC, shortfall DESC, pl.name, p.part_number`);
  return rows.map((row) => ({
    plant_id: count(row.plant_id),
    plant_name: String(row.plant_name),
    part_number: String(row.part_number),
    part_name: String(row.part_name),
    category: String(row.category),
    quantity: count(row.quantity),
    reorder_point: count(row.reorder_point),
    shortfall: count(row.shortfall),
    unit_cost: money(row.unit_cost),
    shortfall_value: money(row.shortfall_value),
    supplier_name: String(row.supplier_name),
    supplier_rating: money(row.supplier_rating), // numeric(3,2): exact two-decimal text like money
  }));
}

export const partsBelowReorder: KpiDefinition<PartBelowReorderRow> = {
  name: "parts-below-reorder",
  title: "Parts at or below reorder point",
  description:
    "Stock lines at or below their reorder point, with shortfall (reorder point − on hand), its value at current cost, and the part's supplier and quality rating; largest shortfall value first.",
  permission: "inventory:view",
  columns: [
    { key: "plant_name", label: "Plant", kind: "text" },
    { key: "part_number", label: "Part", kind: "text" },
    { key: "part_name", label: "Name", kind: "text" },
    { key: "category", label: "Category", kind: "text" },
    { key: "quantity", label: "On hand", kind: "count" },
    { key: "reorder_point", label: "Reorder point", kind: "count" },
    { key: "shortfall", label: "Shortfall", kind: "count" },
    { key: "unit_cost", label: "Unit cost", kind: "money" },
    { key: "shortfall_value", label: "Shortfall value", kind: "money" },
    { key: "supplier_name", label: "Supplier", kind: "text" },
    { key: "supplier_rating", label: "Supplier rating", kind: "decimal" },
  ],
  fetch: fetchPartsBelowReorder,
};
