import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { decimal2 } from "./ratios";
import { SALES_FROM, salesWhere } from "./sales-sql";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type RevenueByRegionRow = { region: string; orders: number; total_revenue: string; revenue_share_percent: string };

/** Orders and revenue per customer region, highest revenue first, with each region's share of the total. */
export async function fetchRevenueByRegion(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<RevenueByRegionRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT c.region,
           COUNT(*) AS orders,
           SUM(s.sale_price) AS total_revenue,
           ROUND(SUM(s.sale_price) * 100 / NULLIF(SUM(SUM(s.sale_price)) OVER (), 0), 2) AS revenue_share_percent
    FROM ${SALES_FROM}
    WHERE ${salesWhere(scope, filters)}
    GROUP BY c.region
    ORDER BY total_revenue DESC, c.region`);
  return rows.map((r) => ({
    region: r.region as string,
    orders: count(r.orders),
    total_revenue: money(r.total_revenue),
    revenue_share_percent: decimal2(r.revenue_share_percent),
  }));
}

export const revenueByRegion: KpiDefinition<RevenueByRegionRow> = {
  name: "revenue-by-region",
  title: "Revenue by region",
  description: "Orders and revenue per customer region; share = region's revenue / total × 100 (two decimals).",
  permission: "revenue:view",
  columns: [
    { key: "region", label: "Region", kind: "text" },
    { key: "orders", label: "Orders", kind: "count" },
    { key: "total_revenue", label: "Revenue", kind: "money" },
    { key: "revenue_share_percent", label: "Share %", kind: "text" },
  ],
  fetch: fetchRevenueByRegion,
};
