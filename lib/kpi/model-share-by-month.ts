import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { decimal2 } from "./ratios";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type ModelShareRow = { month_year: string; model_name: string; units_sold: number; total_revenue: string; share_percent: string };

/**
 * Revenue per model and calendar month of sale, and each model's share of that
 * month's revenue (percent, two decimals, computed in SQL). Months in order,
 * models by name within a month; a model without sales in a month has no row.
 * Read from the sales rollups whenever they cover the filters.
 */
export async function fetchModelShareByMonth(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: SalesQueryOptions = {},
): Promise<ModelShareRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT to_char(f.month, 'YYYY-MM') AS month_year,
           f.model_name,
           SUM(f.orders)::bigint AS units_sold,
           SUM(f.revenue) AS total_revenue,
           ROUND(SUM(f.revenue) * 100 / SUM(SUM(f.revenue)) OVER (PARTITION BY f.month), 2) AS share_percent
    FROM (${salesFacts(scope, filters, chooseSource(filters, options))}) f
    GROUP BY f.month, f.model_name
    ORDER BY f.month, f.model_name`);
  return rows.map((r) => ({
    month_year: r.month_year as string,
    model_name: r.model_name as string,
    units_sold: count(r.units_sold),
    total_revenue: money(r.total_revenue),
    share_percent: decimal2(r.share_percent),
  }));
}

export const modelShareByMonth: KpiDefinition<ModelShareRow> = {
  name: "model-share-by-month",
  title: "Model share over time",
  description: "Units and revenue per vehicle model and calendar month of sale; share = the model's revenue / the month's revenue × 100 (two decimals).",
  permission: "models:view",
  columns: [
    { key: "month_year", label: "Month", kind: "text" },
    { key: "model_name", label: "Model", kind: "text" },
    { key: "units_sold", label: "Units sold", kind: "count" },
    { key: "total_revenue", label: "Revenue", kind: "money" },
    { key: "share_percent", label: "Share %", kind: "text" },
  ],
  fetch: (db, scope, filters) => fetchModelShareByMonth(db, scope, filters),
};
