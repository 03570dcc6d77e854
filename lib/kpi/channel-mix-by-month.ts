import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { decimal2 } from "./ratios";
import { SALES_FROM, salesWhere } from "./sales-sql";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type ChannelMixRow = { month_year: string; channel: string; orders: number; total_revenue: string; order_share_percent: string };

/**
 * Orders and revenue per sales channel and calendar month of sale, with each
 * channel's share of the month's orders (percent, two decimals, in SQL).
 */
export async function fetchChannelMixByMonth(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<ChannelMixRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT to_char(s.sale_date, 'YYYY-MM') AS month_year,
           s.channel,
           COUNT(*) AS orders,
           SUM(s.sale_price) AS total_revenue,
           ROUND(COUNT(*) * 100.0 / SUM(COUNT(*)) OVER (PARTITION BY to_char(s.sale_date, 'YYYY-MM')), 2) AS order_share_percent
    FROM ${SALES_FROM}
    WHERE ${salesWhere(scope, filters)}
    GROUP BY 1, 2
    ORDER BY 1, 2`);
  return rows.map((r) => ({
    month_year: r.month_year as string,
    channel: r.channel as string,
    orders: count(r.orders),
    total_revenue: money(r.total_revenue),
    order_share_percent: decimal2(r.order_share_percent),
  }));
}

export const channelMixByMonth: KpiDefinition<ChannelMixRow> = {
  name: "channel-mix-by-month",
  title: "Channel mix over time",
  description: "Orders and revenue per sales channel and calendar month of sale; share = the channel's orders / the month's orders × 100 (two decimals).",
  permission: "models:view",
  columns: [
    { key: "month_year", label: "Month", kind: "text" },
    { key: "channel", label: "Channel", kind: "text" },
    { key: "orders", label: "Orders", kind: "count" },
    { key: "total_revenue", label: "Revenue", kind: "money" },
    { key: "order_share_percent", label: "Share of orders %", kind: "text" },
  ],
  fetch: fetchChannelMixByMonth,
};
