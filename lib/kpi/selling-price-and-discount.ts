import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { decimal2 } from "./ratios";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type SellingPriceRow = {
  month_year: string;
  orders: number;
  total_revenue: string;
  total_msrp: string;
  /** SUM(sale_price) / COUNT(orders), rounded to the cent in SQL. */
  average_selling_price: string;
  /** SUM(msrp − sale_price) / SUM(msrp) × 100, rounded to two decimals (basis points) in SQL. */
  discount_percent: string;
};

export type SellingPrice = { months: SellingPriceRow[]; total: Omit<SellingPriceRow, "month_year"> | null };

/**
 * Average selling price and discount against MSRP, per calendar month of sale and
 * over the whole selection, in one query (GROUPING SETS): the total is computed
 * from the orders, not averaged from the months. Read from the sales rollups
 * whenever they cover the filters: Σ (msrp − sale_price) = Σ msrp − Σ sale_price.
 */
export async function fetchSellingPrice(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: SalesQueryOptions = {},
): Promise<SellingPrice> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT to_char(f.month, 'YYYY-MM') AS month_year,
           GROUPING(f.month) AS is_total,
           COALESCE(SUM(f.orders), 0)::bigint AS orders,
           SUM(f.revenue) AS total_revenue,
           SUM(f.msrp_total) AS total_msrp,
           ROUND(SUM(f.revenue) / SUM(f.orders), 2) AS average_selling_price,
           ROUND((SUM(f.msrp_total) - SUM(f.revenue)) * 100 / SUM(f.msrp_total), 2) AS discount_percent
    FROM (${salesFacts(scope, filters, chooseSource(filters, options))}) f
    GROUP BY GROUPING SETS ((f.month), ())
    ORDER BY is_total, f.month`);
  const out: SellingPrice = { months: [], total: null };
  for (const r of rows) {
    const values = {
      orders: count(r.orders),
      total_revenue: money(r.total_revenue),
      total_msrp: money(r.total_msrp),
      average_selling_price: decimal2(r.average_selling_price),
      discount_percent: decimal2(r.discount_percent),
    };
    // With no orders at all, the grand total is one row of COUNT 0: no total then.
    if (count(r.is_total) === 1) out.total = values.orders > 0 ? values : null;
    else out.months.push({ month_year: r.month_year as string, ...values });
  }
  return out;
}

export const sellingPriceAndDiscount: KpiDefinition<SellingPriceRow> = {
  name: "selling-price-and-discount",
  title: "Average selling price and discount vs MSRP",
  description:
    "Per calendar month of sale: orders, revenue, the vehicles' MSRP, average selling price = SUM(sale_price) / orders (to the cent) and discount = SUM(msrp − sale_price) / SUM(msrp) × 100 (percent, two decimals; negative when sold above MSRP).",
  permission: "revenue:view",
  columns: [
    { key: "month_year", label: "Month", kind: "text" },
    { key: "orders", label: "Orders", kind: "count" },
    { key: "total_revenue", label: "Revenue", kind: "money" },
    { key: "total_msrp", label: "MSRP", kind: "money" },
    { key: "average_selling_price", label: "Average selling price", kind: "money" },
    { key: "discount_percent", label: "Discount vs MSRP %", kind: "text" },
  ],
  fetch: async (db, scope, filters) => (await fetchSellingPrice(db, scope, filters)).months,
};
