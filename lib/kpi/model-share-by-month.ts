import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { decimal2 } from "./ratios";
import { SALES_FROM, salesWhere } from "./sales-sql";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type ModelShareRow = { month_year: string; model_name: string; units_sold: number; total_revenue: string; share_percent: string };

/**
 * Revenue per model and calendar month of sale, and each model's share of that
 * month's revenue (percent, two decimals, computed in SQL). Months in order,
 * models by name within a month; a model without sales in a month has no row.
 */
export async function fetchModelShareByMonth(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<ModelShareRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT to_char(s.sale_date, 'YYYY-MM') AS month_year,
           v.model_name,
           COUNT(*) AS units_sold,
           SUM(s.sale_price) AS total_revenue,
           ROUND(SUM(s.sale_price) * 100
                 / SUM(SUM(s.sale_price)) OVER (PARTITION BY to_char(s.sale_date, 'YYYY-MM')), 2) AS share_percent
    FROM ${SALES_FROM}
    WHERE ${salesWhere(scope, filters)}
    GROUP BY 1, 2
    ORDER BY 1, 2`);
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
  fetch: fetchModelShareByMonth,
};
