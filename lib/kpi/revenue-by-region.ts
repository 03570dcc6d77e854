import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { fetchRevenueShareBy, type RevenueShareRow } from "./revenue-share-by";
import type { SalesQueryOptions } from "./sales-source";
import type { KpiDefinition, QueryClient } from "./types";

export type RevenueByRegionRow = RevenueShareRow<"region">;

/** Orders and revenue per customer region, highest revenue first, with each one's share of the total. */
export function fetchRevenueByRegion(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: SalesQueryOptions = {},
): Promise<RevenueByRegionRow[]> {
  return fetchRevenueShareBy(db, scope, filters, "region", options);
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
  fetch: (db, scope, filters) => fetchRevenueByRegion(db, scope, filters),
};
