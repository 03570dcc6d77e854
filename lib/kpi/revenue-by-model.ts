import { type Filters, NO_FILTERS } from "../filters";
import type { PlantScope } from "../access/policy";
import { Prisma } from "../generated/prisma/client";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type RevenueByModelRow = { model_name: string; units_sold: number; total_revenue: string };

/**
 * Reference KPI 3 of the data contract: units and revenue per vehicle model, for
 * vehicles built in `scope`, narrowed by `filters`. Read from the sales rollups.
 */
export async function fetchRevenueByModel(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: SalesQueryOptions = {},
): Promise<RevenueByModelRow[]> {
  const rows = await db.$queryRaw<Array<{ model_name: string; units_sold: unknown; total_revenue: unknown }>>(Prisma.sql`
    SELECT f.model_name,
           SUM(f.orders)::bigint AS units_sold,
           SUM(f.revenue) AS total_revenue
    FROM (${salesFacts(scope, filters, chooseSource(filters, options))}) f
    GROUP BY f.model_name
    ORDER BY total_revenue DESC, f.model_name`);
  return rows.map((row) => ({
    model_name: row.model_name,
    units_sold: count(row.units_sold),
    total_revenue: money(row.total_revenue),
  }));
}

export const revenueByModel: KpiDefinition<RevenueByModelRow> = {
  name: "revenue-by-model",
  title: "Revenue share by model",
  description: "Units sold and revenue per vehicle model, and each model's share of revenue.",
  permission: "models:view",
  columns: [
    { key: "model_name", label: "Model", kind: "text" },
    { key: "units_sold", label: "Units sold", kind: "count" },
    { key: "total_revenue", label: "Revenue", kind: "money" },
  ],
  fetch: (db, scope, filters) => fetchRevenueByModel(db, scope, filters),
};
