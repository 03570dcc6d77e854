import { type Filters, NO_FILTERS } from "../filters";
import { filterCondition } from "../filters/sql";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type SupplierQualitySpendRow = {
  supplier_name: string;
  country: string;
  /** 0.00–5.00. */
  quality_rating: string;
  parts: number;
  units: number;
  /** Value of the supplier's parts on hand: Σ quantity × current cost. */
  stock_value: string;
  /** stock_value × quality_rating / 5, rounded to the cent. */
  quality_weighted_value: string;
};

/**
 * Supplier spend, measured as the value of each supplier's parts on hand in the
 * plants in scope (the warehouse holds no purchase orders), and that value
 * weighted by the supplier's quality rating on its 0–5 scale:
 * `quality_weighted_value = stock_value × quality_rating / 5`. A perfect supplier
 * keeps its whole value; the gap to `stock_value` is spend at quality risk.
 */
export async function fetchSupplierQualitySpend(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<SupplierQualitySpendRow[]> {
  const rows = await db.$queryRaw<Array<Record<keyof SupplierQualitySpendRow, unknown>>>(Prisma.sql`
    SELECT s.name AS supplier_name, s.country, s.quality_rating,
           COUNT(DISTINCT i.part_id) AS parts,
           SUM(i.quantity) AS units,
           SUM(i.quantity * p.cost) AS stock_value,
           ROUND(SUM(i.quantity * p.cost) * s.quality_rating / 5, 2) AS quality_weighted_value
    FROM inventory i
    JOIN parts p ON p.part_id = i.part_id
    JOIN suppliers s ON s.supplier_id = p.supplier_id
    WHERE ${plantScopeCondition(scope, Prisma.sql`i.plant_id`)}
      AND ${filterCondition(filters, { plant: Prisma.sql`i.plant_id` })}
    GROUP BY s.supplier_id, s.name, s.country, s.quality_rating
    ORDER BY stock_value DESC, s.name`);
  return rows.map((row) => ({
    supplier_name: String(row.supplier_name),
    country: String(row.country),
    quality_rating: money(row.quality_rating),
    parts: count(row.parts),
    units: count(row.units),
    stock_value: money(row.stock_value),
    quality_weighted_value: money(row.quality_weighted_value),
  }));
}

export const supplierQualitySpend: KpiDefinition<SupplierQualitySpendRow> = {
  name: "supplier-quality-spend",
  title: "Supplier quality-weighted spend",
  description:
    "Per supplier: value of its parts on hand (quantity × current cost; no purchase history is kept) and that value × quality rating / 5, the quality-weighted spend.",
  permission: "inventory:view",
  columns: [
    { key: "supplier_name", label: "Supplier", kind: "text" },
    { key: "country", label: "Country", kind: "text" },
    { key: "quality_rating", label: "Quality rating", kind: "decimal" },
    { key: "parts", label: "Parts", kind: "count" },
    { key: "units", label: "Units", kind: "count" },
    { key: "stock_value", label: "Stock value", kind: "money" },
    { key: "quality_weighted_value", label: "Quality-weighted value", kind: "money" },
  ],
  fetch: fetchSupplierQualitySpend,
};
