import type { PlantScope } from "../access/policy";
import type { Filters } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { decimal2 } from "./ratios";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { QueryClient } from "./types";
import { count, money } from "./values";

/** The dimensions revenue is split by, as trusted SQL over the sales facts (`f`). */
const DIMENSIONS = { region: Prisma.sql`f.region`, channel: Prisma.sql`f.channel` } as const;
export type RevenueDimension = keyof typeof DIMENSIONS;

export type RevenueShareRow<K extends RevenueDimension> = { [key in K]: string } & {
  orders: number;
  total_revenue: string;
  revenue_share_percent: string;
};

/**
 * Orders and revenue per value of `dimension`, highest revenue first, with each
 * value's share of the total (percent, two decimals, rounded in SQL). Read from
 * the sales rollups whenever they cover the filters (lib/kpi/sales-source.ts).
 */
export async function fetchRevenueShareBy<K extends RevenueDimension>(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters,
  dimension: K,
  options: SalesQueryOptions = {},
): Promise<Array<RevenueShareRow<K>>> {
  const column = DIMENSIONS[dimension];
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT ${column} AS value,
           SUM(f.orders)::bigint AS orders,
           SUM(f.revenue) AS total_revenue,
           ROUND(SUM(f.revenue) * 100 / NULLIF(SUM(SUM(f.revenue)) OVER (), 0), 2) AS revenue_share_percent
    FROM (${salesFacts(scope, filters, chooseSource(filters, options))}) f
    GROUP BY ${column}
    ORDER BY total_revenue DESC, ${column}`);
  return rows.map(
    (r) =>
      ({
        [dimension]: r.value as string,
        orders: count(r.orders),
        total_revenue: money(r.total_revenue),
        revenue_share_percent: decimal2(r.revenue_share_percent),
      }) as RevenueShareRow<K>,
  );
}
