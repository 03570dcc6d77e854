import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { decimal2 } from "./ratios";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type ChannelMixRow = { month_year: string; channel: string; orders: number; total_revenue: string; order_share_percent: string };

/**
 * Orders and revenue per sales channel and calendar month of sale, with each
 * channel's share of the month's orders (percent, two decimals, in SQL). Read
 * from the sales rollups whenever they cover the filters.
 */
export async function fetchChannelMixByMonth(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: SalesQueryOptions = {},
): Promise<ChannelMixRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT to_char(f.month, 'YYYY-MM') AS month_year,
           f.channel,
           SUM(f.orders)::bigint AS orders,
           SUM(f.revenue) AS total_revenue,
           ROUND(SUM(f.orders)::bigint * 100.0 / SUM(SUM(f.orders)::bigint) OVER (PARTITION BY f.month), 2) AS order_share_percent
    FROM (${salesFacts(scope, filters, chooseSource(filters, options))}) f
    GROUP BY f.month, f.channel
    ORDER BY f.month, f.channel`);
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
  fetch: (db, scope, filters) => fetchChannelMixByMonth(db, scope, filters),
};
