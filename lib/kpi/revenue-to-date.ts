import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS, todayIn } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { businessTimeZone } from "../time";
import { asOfDay, type DayRange, toDatePeriods } from "./periods";
import { decimal2 } from "./ratios";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { KpiContext, KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type RevenueToDateRow = {
  period: "month-to-date" | "year-to-date";
  start_date: string;
  end_date: string;
  orders: number;
  revenue: string;
  last_year_start: string;
  last_year_end: string;
  last_year_orders: number;
  last_year_revenue: string;
  change: string;
  /** Change against last year in percent, two decimals; "" when last year had no revenue. */
  change_percent: string;
};

/**
 * Revenue month-to-date and year-to-date up to the as-of day (today in the business
 * time zone, or the end of the page's date range when earlier), against the same
 * days a year earlier. Plant, model, region and channel filters apply; the date
 * range only through the as-of day. Each of the four periods reads the sales
 * facts of its own days (from the rollups whenever they cover the filters: whole
 * months from the monthly rollup, the rest from the daily one).
 */
export async function fetchRevenueToDate(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  context: KpiContext = { today: todayIn(businessTimeZone()) },
  options: SalesQueryOptions = {},
): Promise<RevenueToDateRow[]> {
  const { monthToDate: m, yearToDate: y } = toDatePeriods(asOfDay(filters, context.today));
  const source = chooseSource(filters, options);
  // The page's date range applies only through the as-of day: each period has its own days.
  const facts = (key: string, r: DayRange) =>
    Prisma.sql`SELECT ${key}::text AS k, f.orders, f.revenue FROM (${salesFacts(scope, { ...filters, from: r.from, to: r.to }, source)}) f`;
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    WITH f AS (
      ${facts("m", m.current)}
      UNION ALL ${facts("lm", m.lastYear)}
      UNION ALL ${facts("y", y.current)}
      UNION ALL ${facts("ly", y.lastYear)}
    ), t AS (
      SELECT COALESCE(SUM(f.orders) FILTER (WHERE f.k = 'm'), 0)::bigint AS m_orders,
             COALESCE(SUM(f.revenue) FILTER (WHERE f.k = 'm'), 0) AS m_revenue,
             COALESCE(SUM(f.orders) FILTER (WHERE f.k = 'lm'), 0)::bigint AS lm_orders,
             COALESCE(SUM(f.revenue) FILTER (WHERE f.k = 'lm'), 0) AS lm_revenue,
             COALESCE(SUM(f.orders) FILTER (WHERE f.k = 'y'), 0)::bigint AS y_orders,
             COALESCE(SUM(f.revenue) FILTER (WHERE f.k = 'y'), 0) AS y_revenue,
             COALESCE(SUM(f.orders) FILTER (WHERE f.k = 'ly'), 0)::bigint AS ly_orders,
             COALESCE(SUM(f.revenue) FILTER (WHERE f.k = 'ly'), 0) AS ly_revenue
      FROM f
    )
    SELECT p.period, p.orders, p.revenue, p.last_year_orders, p.last_year_revenue,
           p.revenue - p.last_year_revenue AS change,
           ROUND((p.revenue - p.last_year_revenue) * 100 / NULLIF(p.last_year_revenue, 0), 2) AS change_percent
    FROM t CROSS JOIN LATERAL (VALUES
      (1, 'month-to-date', t.m_orders, t.m_revenue, t.lm_orders, t.lm_revenue),
      (2, 'year-to-date', t.y_orders, t.y_revenue, t.ly_orders, t.ly_revenue)
    ) AS p(sort, period, orders, revenue, last_year_orders, last_year_revenue)
    ORDER BY p.sort`);
  return rows.map((row) => {
    const period = row.period as RevenueToDateRow["period"];
    const range = period === "month-to-date" ? m : y;
    return {
      period,
      start_date: range.current.from,
      end_date: range.current.to,
      orders: count(row.orders),
      revenue: money(row.revenue),
      last_year_start: range.lastYear.from,
      last_year_end: range.lastYear.to,
      last_year_orders: count(row.last_year_orders),
      last_year_revenue: money(row.last_year_revenue),
      change: money(row.change),
      change_percent: decimal2(row.change_percent),
    };
  });
}

export const revenueToDate: KpiDefinition<RevenueToDateRow> = {
  name: "revenue-to-date",
  title: "Revenue month-to-date and year-to-date",
  description:
    "Revenue from the first of the month (and of the year) up to today in the business time zone, or up to the end of the date range when it ends earlier, against the same days a year earlier (a complete February against a complete February). change_percent = (revenue − last year) / last year × 100, two decimals; empty when last year had none.",
  permission: "revenue:view",
  columns: [
    { key: "period", label: "Period", kind: "text" },
    { key: "start_date", label: "From", kind: "text" },
    { key: "end_date", label: "To", kind: "text" },
    { key: "orders", label: "Orders", kind: "count" },
    { key: "revenue", label: "Revenue", kind: "money" },
    { key: "last_year_start", label: "Last year from", kind: "text" },
    { key: "last_year_end", label: "Last year to", kind: "text" },
    { key: "last_year_orders", label: "Last year orders", kind: "count" },
    { key: "last_year_revenue", label: "Last year revenue", kind: "money" },
    { key: "change", label: "Change", kind: "money" },
    { key: "change_percent", label: "Change %", kind: "text" },
  ],
  fetch: (db, scope, filters, context) => fetchRevenueToDate(db, scope, filters, context),
};
