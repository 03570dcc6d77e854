import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { decimal2 } from "./ratios";
import { SALES_FROM, salesWhere } from "./sales-sql";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type RevenueByChannelRow = { channel: string; orders: number; total_revenue: string; revenue_share_percent: string };

/** Orders and revenue per sales channel (online, dealer, fleet), highest revenue first, with shares. */
export async function fetchRevenueByChannel(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<RevenueByChannelRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT s.channel,
           COUNT(*) AS orders,
           SUM(s.sale_price) AS total_revenue,
           ROUND(SUM(s.sale_price) * 100 / NULLIF(SUM(SUM(s.sale_price)) OVER (), 0), 2) AS revenue_share_percent
    FROM ${SALES_FROM}
    WHERE ${salesWhere(scope, filters)}
    GROUP BY s.channel
    ORDER BY total_revenue DESC, s.channel`);
  return rows.map((r) => ({
    channel: r.channel as string,
    orders: count(r.orders),
    total_revenue: money(r.total_revenue),
    revenue_share_percent: decimal2(r.revenue_share_percent),
  }));
}

export const revenueByChannel: KpiDefinition<RevenueByChannelRow> = {
  name: "revenue-by-channel",
  title: "Revenue by channel",
  description: "Orders and revenue per sales channel (online, dealer, fleet); share = channel's revenue / total × 100 (two decimals).",
  permission: "revenue:view",
  columns: [
    { key: "channel", label: "Channel", kind: "text" },
    { key: "orders", label: "Orders", kind: "count" },
    { key: "total_revenue", label: "Revenue", kind: "money" },
    { key: "revenue_share_percent", label: "Share %", kind: "text" },
  ],
  fetch: fetchRevenueByChannel,
};
