import { type Filters, NO_FILTERS } from "../filters";
import { filterCondition } from "../filters/sql";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import { businessTimeZone } from "../time";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type InventoryValueTrendRow = {
  /** The business month (YYYY-MM). */
  month_year: string;
  /** Value of the stock on hand at the end of the month (at today's part costs). */
  inventory_value: string;
  /** Net change of that value during the month, from the ledger. */
  value_change: string;
  /** Ledger rows in the month. */
  movements: number;
};

/** The longest series returned: the latest 240 months of a range. */
export const MAX_TREND_MONTHS = 240;

export type TrendOptions = {
  /** IANA zone the ledger's timestamps are bucketed in; default the business time zone. */
  timeZone?: string;
  /** The current instant (tests pin it); the series ends at its business month. */
  now?: Date;
};

/**
 * Inventory value month by month, reconstructed backwards from today's stock:
 * the stock of a (plant, part) at the end of month M is `inventory.quantity`
 * minus the `stock_movements` deltas recorded after M. Every month is valued at
 * the parts' current cost: the warehouse keeps no cost history, so the trend
 * shows changes of quantities, not of prices. Ledger timestamps (timestamptz)
 * are bucketed by calendar month in `timeZone`.
 *
 * Months shown: from the month of `filters.from` (without one: 12 months back,
 * or the first ledger month if that is earlier) to the month of `filters.to`,
 * never past the current month; at most MAX_TREND_MONTHS (the latest).
 * Nothing at all when the scope (and plant filter) holds no stock and no ledger.
 */
export async function fetchInventoryValueTrend(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: TrendOptions = {},
): Promise<InventoryValueTrendRow[]> {
  const tz = options.timeZone ?? businessTimeZone();
  const now = (options.now ?? new Date()).toISOString();
  const onStock = Prisma.sql`${plantScopeCondition(scope, Prisma.sql`i.plant_id`)} AND ${filterCondition(filters, { plant: Prisma.sql`i.plant_id` })}`;
  const onLedger = Prisma.sql`${plantScopeCondition(scope, Prisma.sql`m.plant_id`)} AND ${filterCondition(filters, { plant: Prisma.sql`m.plant_id` })}`;
  const rows = await db.$queryRaw<Array<{ month_year: string; inventory_value: unknown; value_change: unknown; movements: unknown }>>(Prisma.sql`
    WITH changes AS (
      SELECT date_trunc('month', m.at AT TIME ZONE ${tz})::date AS month,
             SUM(m.quantity_delta * p.cost) AS value_change,
             COUNT(*) AS movements
      FROM stock_movements m
      JOIN parts p ON p.part_id = m.part_id
      WHERE ${onLedger}
      GROUP BY 1
    ),
    stock AS (
      SELECT COALESCE(SUM(i.quantity * p.cost), 0) AS value, COUNT(*) AS lines
      FROM inventory i
      JOIN parts p ON p.part_id = i.part_id
      WHERE ${onStock}
    ),
    bounds AS (
      SELECT date_trunc('month', ${now}::timestamptz AT TIME ZONE ${tz})::date AS current_month
    ),
    span AS (
      SELECT COALESCE(date_trunc('month', ${filters.from}::date::timestamp)::date,
                      LEAST((b.current_month - interval '11 months')::date, (SELECT MIN(month) FROM changes))) AS first_month,
             LEAST(COALESCE(date_trunc('month', ${filters.to}::date::timestamp)::date, b.current_month), b.current_month) AS last_month
      FROM bounds b
    ),
    months AS (
      SELECT gs::date AS month
      FROM span,
           generate_series(GREATEST(span.first_month, (span.last_month - ${Prisma.raw(`interval '${MAX_TREND_MONTHS - 1} months'`)})::date)::timestamp,
                           span.last_month::timestamp, interval '1 month') AS gs
      WHERE EXISTS (SELECT 1 FROM changes) OR (SELECT lines FROM stock) > 0
    )
    SELECT to_char(mo.month, 'YYYY-MM') AS month_year,
           s.value - COALESCE((SELECT SUM(c.value_change) FROM changes c WHERE c.month > mo.month), 0) AS inventory_value,
           COALESCE((SELECT c.value_change FROM changes c WHERE c.month = mo.month), 0) AS value_change,
           COALESCE((SELECT c.movements FROM changes c WHERE c.month = mo.month), 0) AS movements
    FROM months mo CROSS JOIN stock s
    ORDER BY mo.month`);
  return rows.map((row) => ({
    month_year: row.month_year,
    inventory_value: money(row.inventory_value),
    value_change: money(row.value_change),
    movements: count(row.movements),
  }));
}

export const inventoryValueTrend: KpiDefinition<InventoryValueTrendRow> = {
  name: "inventory-value-trend",
  title: "Inventory value trend",
  description:
    "Stock value at the end of each business month: today's stock minus the later stock-ledger movements, valued at today's part costs (no cost history is kept).",
  permission: "inventory:view",
  columns: [
    { key: "month_year", label: "Month", kind: "text" },
    { key: "inventory_value", label: "Inventory value (end of month)", kind: "money" },
    { key: "value_change", label: "Change in the month", kind: "money" },
    { key: "movements", label: "Ledger movements", kind: "count" },
  ],
  fetch: (db, scope, filters) => fetchInventoryValueTrend(db, scope, filters),
};
