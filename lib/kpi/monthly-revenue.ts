import { type Filters, NO_FILTERS } from "../filters";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import type { KpiDefinition, QueryClient } from "./types";
import { money } from "./values";

export type MonthlyRevenueRow = { month_year: string; total_revenue: string };

/**
 * Reference KPI 1 of the data contract: revenue per calendar month of sale_date,
 * of the vehicles built in `scope`'s plants.
 */
export async function fetchMonthlyRevenue(db: QueryClient, scope: PlantScope, _filters: Filters = NO_FILTERS): Promise<MonthlyRevenueRow[]> {
  // Company-wide, the reference query as it is; scoped, restricted to the plants' vehicles.
  const scoped =
    scope.kind === "all"
      ? Prisma.empty
      : Prisma.sql`WHERE s.vin IN (SELECT v.vin FROM vehicles v WHERE ${plantScopeCondition(scope, Prisma.sql`v.plant_id`)})`;
  const rows = await db.$queryRaw<Array<{ month_year: string; total_revenue: unknown }>>(Prisma.sql`
    SELECT to_char(s.sale_date, 'YYYY-MM') AS month_year,
           SUM(s.sale_price) AS total_revenue
    FROM salesorders s
    ${scoped}
    GROUP BY to_char(s.sale_date, 'YYYY-MM')
    ORDER BY month_year`);
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
  fetch: fetchMonthlyRevenue,
};
