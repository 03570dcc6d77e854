import { type Filters, NO_FILTERS } from "../filters";
import { filterCondition } from "../filters/sql";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import type { QueryClient } from "./types";
import { count, money } from "./values";

/**
 * The sales facts every sales KPI aggregates, as one SQL relation with the
 * columns
 *
 *   month (date, first of the month), plant_id, model_name, trim, region, channel,
 *   orders, revenue, msrp_total
 *
 * already narrowed to the caller's plant scope (the vehicle's plant) and the
 * filters (sale date range, vehicle plant and model, customer region, order
 * channel). Two implementations give the same sums to the cent:
 *
 * - `rollup`: the rollup tables kept by triggers in the writing transaction
 *   (migration 20261201070000_rollups). Whole months come from
 *   `sales_rollup_monthly`; the days of a partially covered first or last
 *   month from `sales_rollup_daily`. A few thousand rows at most.
 * - `raw`: salesorders joined with vehicles and customers (millions of rows
 *   at scale 100): the fallback for filters the rollups do not carry, and the
 *   yardstick the tests compare the rollups with.
 */
export type SalesSource = "rollup" | "raw";

export type SalesQueryOptions = {
  /** Force one implementation; by default the rollups whenever they cover the filters. */
  source?: SalesSource;
};

/** The filter fields the rollups carry. A filter on anything else reads the raw tables. */
const ROLLUP_FIELDS: ReadonlySet<string> = new Set(["range", "from", "to", "plantIds", "models", "regions", "channels"]);

/** Whether the rollups can answer `filters` (every filter that is set is a rollup dimension). */
export function rollupCovers(filters: Filters): boolean {
  return Object.entries(filters).every(([key, value]) => {
    if (ROLLUP_FIELDS.has(key)) return true;
    return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
  });
}

export function chooseSource(filters: Filters, options: SalesQueryOptions = {}): SalesSource {
  if (options.source) return options.source;
  return rollupCovers(filters) ? "rollup" : "raw";
}

// Calendar arithmetic on YYYY-MM-DD strings (validated by parseFilters).
const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
function nextMonthStart(day: string): string {
  const d = utc(monthStart(day));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return iso(d);
}
function isLastDayOfMonth(day: string): boolean {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}

/**
 * How a date range splits over the two rollups: the whole months
 * [monthsFrom, monthsUntil) from the monthly one, the rest of [from, to]
 * from the daily one. Exported for the unit tests.
 */
export function splitRange(from: string | null, to: string | null): {
  /** First whole month (inclusive), null = unbounded; undefined = no whole month at all. */
  months: { from: string | null; until: string | null } | undefined;
  /** Day ranges, inclusive both ends, read from the daily rollup. */
  days: Array<{ from: string; to: string }>;
} {
  const fullFrom = from === null ? null : from.endsWith("-01") ? from : nextMonthStart(from);
  const fullUntil = to === null ? null : isLastDayOfMonth(to) ? nextMonthStart(to) : monthStart(to);
  if (from !== null && to !== null && from > to) return { months: undefined, days: [] };
  if (fullFrom !== null && fullUntil !== null && fullFrom >= fullUntil) {
    // No whole month inside: every day from the daily rollup.
    return { months: undefined, days: [{ from: from!, to: to! }] };
  }
  const days: Array<{ from: string; to: string }> = [];
  const dayBefore = (day: string) => {
    const d = utc(day);
    d.setUTCDate(d.getUTCDate() - 1);
    return iso(d);
  };
  if (from !== null && fullFrom !== null && from < fullFrom) days.push({ from, to: dayBefore(fullFrom) });
  if (to !== null && fullUntil !== null && fullUntil <= to) days.push({ from: fullUntil, to });
  return { months: { from: fullFrom, until: fullUntil }, days };
}

const NO_DATES = (filters: Filters): Filters => ({ ...filters, from: null, to: null });

/**
 * A pair of rollups (one row per month, one per day) read over [from, to] as one
 * relation: whole months from `monthly`, the days of partly covered months from
 * `daily` (whose date column is `dayColumn`), with the columns `month` and then
 * `columns`. `where(alias)` narrows both (scope and the other filters); `empty`
 * is the relation with the right columns and no rows, for an empty range. Table
 * and column names are the caller's constants, never user input.
 */
export function rollupRange(options: {
  monthly: string;
  daily: string;
  dayColumn: string;
  columns: readonly string[];
  where: (alias: string) => Prisma.Sql;
  from: string | null;
  to: string | null;
  empty: Prisma.Sql;
}): Prisma.Sql {
  const { months, days } = splitRange(options.from, options.to);
  const select = (alias: string) => Prisma.raw(options.columns.map((c) => `${alias}.${c}`).join(", "));
  const day = Prisma.raw(`d.${options.dayColumn}`);
  const parts: Prisma.Sql[] = [];
  if (months) {
    const bounds: Prisma.Sql[] = [];
    if (months.from !== null) bounds.push(Prisma.sql`m.month >= ${months.from}::date`);
    if (months.until !== null) bounds.push(Prisma.sql`m.month < ${months.until}::date`);
    parts.push(Prisma.sql`
      SELECT m.month, ${select("m")}
      FROM ${Prisma.raw(options.monthly)} m
      WHERE ${options.where("m")}${bounds.length ? Prisma.sql` AND ${Prisma.join(bounds, " AND ")}` : Prisma.empty}`);
  }
  if (days.length > 0) {
    const ranges = Prisma.join(
      days.map((r) => Prisma.sql`(${day} >= ${r.from}::date AND ${day} <= ${r.to}::date)`),
      " OR ",
    );
    parts.push(Prisma.sql`
      SELECT date_trunc('month', ${day})::date AS month, ${select("d")}
      FROM ${Prisma.raw(options.daily)} d
      WHERE ${options.where("d")} AND (${ranges})`);
  }
  return parts.length === 0 ? options.empty : Prisma.join(parts, " UNION ALL ");
}

function rollupFacts(scope: PlantScope, filters: Filters): Prisma.Sql {
  const dims = (alias: string) => ({
    plant: Prisma.raw(`${alias}.plant_id`),
    model: Prisma.raw(`${alias}.model_name`),
    region: Prisma.raw(`${alias}.region`),
    channel: Prisma.raw(`${alias}.channel`),
  });
  return rollupRange({
    monthly: "sales_rollup_monthly",
    daily: "sales_rollup_daily",
    dayColumn: "sale_date",
    columns: ["plant_id", "model_name", "trim", "region", "channel", "orders", "revenue", "msrp_total"],
    where: (alias) =>
      Prisma.sql`${plantScopeCondition(scope, Prisma.raw(`${alias}.plant_id`))} AND ${filterCondition(NO_DATES(filters), dims(alias))}`,
    from: filters.from,
    to: filters.to,
    empty: Prisma.sql`
      SELECT NULL::date AS month, NULL::int AS plant_id, NULL::text AS model_name, NULL::text AS trim, NULL::text AS region,
             NULL::text AS channel, 0::bigint AS orders, 0::numeric AS revenue, 0::numeric AS msrp_total
      WHERE FALSE`,
  });
}

function rawFacts(scope: PlantScope, filters: Filters): Prisma.Sql {
  return Prisma.sql`
    SELECT date_trunc('month', s.sale_date)::date AS month, v.plant_id, v.model_name, v.trim, c.region, s.channel,
           1 AS orders, s.sale_price AS revenue, v.msrp AS msrp_total
    FROM salesorders s
    JOIN vehicles v ON v.vin = s.vin
    JOIN customers c ON c.customer_id = s.customer_id
    WHERE ${plantScopeCondition(scope, Prisma.sql`v.plant_id`)}
      AND ${filterCondition(filters, {
        date: Prisma.sql`s.sale_date`,
        plant: Prisma.sql`v.plant_id`,
        model: Prisma.sql`v.model_name`,
        region: Prisma.sql`c.region`,
        channel: Prisma.sql`s.channel`,
      })}`;
}

/** The sales facts relation (see above) for `scope` and `filters`, from `source`. */
export function salesFacts(scope: PlantScope, filters: Filters, source: SalesSource): Prisma.Sql {
  return source === "rollup" ? rollupFacts(scope, filters) : rawFacts(scope, filters);
}

export const BREAKDOWN_DIMENSIONS = ["month", "plant_id", "model_name", "trim", "region", "channel"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export type SalesBreakdownRow = {
  /** The dimension values, by name (month as YYYY-MM). */
  key: Partial<Record<BreakdownDimension, string | number>>;
  orders: number;
  revenue: string;
  msrp_total: string;
};

/**
 * Orders, revenue and MSRP total grouped by any of the rollup dimensions,
 * within `scope` and `filters` (for drill-down pages and breakdown tables):
 * from the rollups whenever they cover the filters. Sorted by revenue,
 * highest first, then by key.
 */
export async function fetchSalesBreakdown(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  by: readonly BreakdownDimension[],
  options: SalesQueryOptions = {},
): Promise<SalesBreakdownRow[]> {
  const dims = [...new Set(by)];
  for (const d of dims) if (!BREAKDOWN_DIMENSIONS.includes(d)) throw new Error(`unknown breakdown dimension "${String(d)}"`);
  const select = dims.map((d) => (d === "month" ? Prisma.sql`to_char(f.month, 'YYYY-MM') AS month` : Prisma.raw(`f.${d}`)));
  const group = dims.map((d) => Prisma.raw(`f.${d}`));
  const order = dims.map((d) => Prisma.raw(`f.${d}`));
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT ${select.length ? Prisma.sql`${Prisma.join(select, ", ")},` : Prisma.empty}
           SUM(f.orders)::bigint AS orders, SUM(f.revenue) AS revenue, SUM(f.msrp_total) AS msrp_total
    FROM (${salesFacts(scope, filters, chooseSource(filters, options))}) f
    ${group.length ? Prisma.sql`GROUP BY ${Prisma.join(group, ", ")}` : Prisma.empty}
    HAVING SUM(f.orders) > 0
    ORDER BY revenue DESC${order.length ? Prisma.sql`, ${Prisma.join(order, ", ")}` : Prisma.empty}`);
  return rows.map((row) => ({
    key: Object.fromEntries(dims.map((d) => [d, d === "plant_id" ? count(row[d]) : String(row[d])])),
    orders: count(row.orders),
    revenue: money(row.revenue),
    msrp_total: money(row.msrp_total),
  }));
}
