import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { fetchRevenueShareBy, type RevenueShareRow } from "./revenue-share-by";
import type { SalesQueryOptions } from "./sales-source";
import type { KpiDefinition, QueryClient } from "./types";

export type RevenueByChannelRow = RevenueShareRow<"channel">;

/** Orders and revenue per sales channel (online, dealer, fleet), highest revenue first, with each one's share of the total. */
export function fetchRevenueByChannel(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: SalesQueryOptions = {},
): Promise<RevenueByChannelRow[]> {
  return fetchRevenueShareBy(db, scope, filters, "channel", options);
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
  fetch: (db, scope, filters) => fetchRevenueByChannel(db, scope, filters),
};
