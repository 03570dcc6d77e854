import { type Filters, NO_FILTERS } from "../filters";
import type { PlantScope } from "../access/policy";
import { Prisma } from "../generated/prisma/client";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { KpiDefinition, QueryClient } from "./types";
import { money } from "./values";

export type MonthlyRevenueRow = { month_year: string; total_revenue: string };

/**
 * Reference KPI 1 of the data contract: revenue per calendar month of sale_date,
 * of the vehicles built in `scope`'s plants, narrowed by `filters` (sale date
 * range, plant and model of the vehicle, region of the customer, channel).
 * Read from the sales rollups (equal to the reference SQL to the cent).
 */
export async function fetchMonthlyRevenue(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: SalesQueryOptions = {},
): Promise<MonthlyRevenueRow[]> {
  const rows = await db.$queryRaw<Array<{ month_year: string; total_revenue: unknown }>>(Prisma.sql`
    SELECT to_char(f.month, 'YYYY-MM') AS month_year, SUM(f.revenue) AS total_revenue
    FROM (${salesFacts(scope, filters, chooseSource(filters, options))}) f
    GROUP BY f.month
    ORDER BY f.month`);
  return rows.map((row) => ({ month_year: row.month_year, total_revenue: money(row.total_revenue) }));
}

export const monthlyRevenue: KpiDefinition<MonthlyRevenueRow> = {
  name: "monthly-revenue",
  title: "Monthly revenue",
  description: "Revenue from vehicle sales per calendar month of the sale date.",
  permission: "revenue:view",
  columns: [
    { key: "month_year", label: "Month", kind: "text" },
    { key: "total_revenue", label: "Revenue", kind: "money" },
  ],
  fetch: (db, scope, filters) => fetchMonthlyRevenue(db, scope, filters),
};
