import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { decimal2 } from "./ratios";
import { SALES_FROM, salesWhere } from "./sales-sql";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type FleetVsRetailRow = {
  segment: string;
  orders: number;
  total_revenue: string;
  average_selling_price: string;
  discount_percent: string;
  revenue_share_percent: string;
};

/** Orders, revenue, average selling price and discount vs MSRP per customer segment (fleet, retail). */
export async function fetchFleetVsRetail(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<FleetVsRetailRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT c.segment,
           COUNT(*) AS orders,
           SUM(s.sale_price) AS total_revenue,
           ROUND(SUM(s.sale_price) / COUNT(*), 2) AS average_selling_price,
           ROUND(SUM(v.msrp - s.sale_price) * 100 / SUM(v.msrp), 2) AS discount_percent,
           ROUND(SUM(s.sale_price) * 100 / NULLIF(SUM(SUM(s.sale_price)) OVER (), 0), 2) AS revenue_share_percent
    FROM ${SALES_FROM}
    WHERE ${salesWhere(scope, filters)}
    GROUP BY c.segment
    ORDER BY c.segment`);
  return rows.map((r) => ({
    segment: r.segment as string,
    orders: count(r.orders),
    total_revenue: money(r.total_revenue),
    average_selling_price: decimal2(r.average_selling_price),
    discount_percent: decimal2(r.discount_percent),
    revenue_share_percent: decimal2(r.revenue_share_percent),
  }));
}

export const fleetVsRetail: KpiDefinition<FleetVsRetailRow> = {
  name: "fleet-vs-retail",
  title: "Fleet vs retail",
  description:
    "Per customer segment: orders, revenue, average selling price = SUM(sale_price) / orders (to the cent), discount = SUM(msrp − sale_price) / SUM(msrp) × 100 and share of revenue (percent, two decimals).",
  permission: "models:view",
  columns: [
    { key: "segment", label: "Segment", kind: "text" },
    { key: "orders", label: "Orders", kind: "count" },
    { key: "total_revenue", label: "Revenue", kind: "money" },
    { key: "average_selling_price", label: "Average selling price", kind: "money" },
    { key: "discount_percent", label: "Discount vs MSRP %", kind: "text" },
    { key: "revenue_share_percent", label: "Share of revenue %", kind: "text" },
  ],
  fetch: fetchFleetVsRetail,
};
