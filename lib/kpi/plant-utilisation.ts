import { type Filters, NO_FILTERS, todayIn } from "../filters";
import { filterCondition } from "../filters/sql";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import { businessTimeZone } from "../time";
import type { SalesSource } from "./sales-source";
import type { KpiDefinition, QueryClient } from "./types";
import { count, decimal, money } from "./values";

export type PlantUtilisationRow = {
  plant_id: number;
  plant_name: string;
  /** Calendar month (YYYY-MM) of manufacture_date. */
  month_year: string;
  /** Days of the month inside the period. */
  days: number;
  units_built: number;
  /** annual_capacity × days / days in that year, to two decimals. */
  capacity: string;
  /** units_built / capacity (unrounded capacity), four decimals; 1 = built at capacity. */
  utilisation: string;
};

export type PlantUtilisationSummaryRow = Omit<PlantUtilisationRow, "month_year"> & { first_day: string; last_day: string };

export type UtilisationOptions = {
  /** Today (YYYY-MM-DD, business time zone): the end of an open-ended period. */
  today?: string;
  /** Where the builds are counted: the build rollup (default) or the vehicles themselves. */
  source?: SalesSource;
};

/**
 * The period: `filters.from`..`filters.to` (inclusive). Open ends: from the
 * first day of the month of the earliest build in scope; to today, or to the
 * latest build if that is later. Each month of the period gets the capacity
 * `annual_capacity × days_in_period_that_month / days_in_that_year` (365 or 366),
 * so a whole year is exactly the annual capacity, a leap day included.
 *
 * The builds come from the build rollup (vehicles per day, plant, model and
 * trim, kept exact by triggers: migration 20261208010000_build_rollup), or with
 * `source: "raw"` from the vehicles themselves; both give the same rows.
 */
function utilisationCte(scope: PlantScope, filters: Filters, today: string, source: SalesSource): Prisma.Sql {
  // Builds per day in scope and under the plant filter: (day, plant_id, units).
  const builds =
    source === "rollup"
      ? Prisma.sql`SELECT b.manufacture_date AS day, b.plant_id, b.units FROM build_rollup_daily b
          WHERE ${plantScopeCondition(scope, Prisma.sql`b.plant_id`)} AND ${filterCondition(filters, { plant: Prisma.sql`b.plant_id` })}`
      : Prisma.sql`SELECT v.manufacture_date AS day, v.plant_id, 1 AS units FROM vehicles v
          WHERE ${plantScopeCondition(scope, Prisma.sql`v.plant_id`)} AND ${filterCondition(filters, { plant: Prisma.sql`v.plant_id` })}`;
  return Prisma.sql`
    builds AS (${builds}),
    period AS (
      SELECT COALESCE(${filters.from}::date, (SELECT date_trunc('month', MIN(day)::timestamp)::date FROM builds)) AS first_day,
             COALESCE(${filters.to}::date, GREATEST(${today}::date, (SELECT MAX(day) FROM builds))) AS last_day
    ),
    plant_months AS (
      SELECT pl.plant_id, pl.name AS plant_name, pl.annual_capacity, gs::date AS month,
             GREATEST(gs::date, period.first_day) AS d0,
             LEAST((gs + interval '1 month' - interval '1 day')::date, period.last_day) AS d1,
             ((date_trunc('year', gs) + interval '1 year')::date - date_trunc('year', gs)::date) AS year_days
      FROM period
      CROSS JOIN generate_series(date_trunc('month', period.first_day::timestamp), period.last_day::timestamp, interval '1 month') AS gs
      CROSS JOIN plants pl
      WHERE period.first_day <= period.last_day
        AND ${plantScopeCondition(scope, Prisma.sql`pl.plant_id`)}
        AND ${filterCondition(filters, { plant: Prisma.sql`pl.plant_id` })}
    ),
    built AS (
      SELECT b.plant_id, date_trunc('month', b.day::timestamp)::date AS month, SUM(b.units)::bigint AS units
      FROM builds b, period
      WHERE b.day BETWEEN period.first_day AND period.last_day
      GROUP BY 1, 2
    ),
    monthly AS (
      SELECT pm.plant_id, pm.plant_name, pm.month, pm.d0, pm.d1, (pm.d1 - pm.d0 + 1) AS days,
             COALESCE(b.units, 0) AS units_built,
             pm.annual_capacity::numeric * (pm.d1 - pm.d0 + 1) / pm.year_days AS capacity
      FROM plant_months pm
      LEFT JOIN built b ON b.plant_id = pm.plant_id AND b.month = pm.month
    )`;
}

function today(options: UtilisationOptions): string {
  return options.today ?? todayIn(businessTimeZone());
}

/** Units built against pro-rata annual capacity, per plant in scope and calendar month of the period. */
export async function fetchPlantUtilisation(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: UtilisationOptions = {},
): Promise<PlantUtilisationRow[]> {
  const rows = await db.$queryRaw<Array<Record<keyof PlantUtilisationRow, unknown>>>(Prisma.sql`
    WITH ${utilisationCte(scope, filters, today(options), options.source ?? "rollup")}
    SELECT plant_id, plant_name, to_char(month, 'YYYY-MM') AS month_year, days, units_built,
           ROUND(capacity, 2) AS capacity, ROUND(units_built / capacity, 4) AS utilisation
    FROM monthly
    ORDER BY plant_name, month`);
  return rows.map((row) => ({
    plant_id: count(row.plant_id),
    plant_name: String(row.plant_name),
    month_year: String(row.month_year),
    days: count(row.days),
    units_built: count(row.units_built),
    capacity: money(row.capacity),
    utilisation: decimal(row.utilisation, 4),
  }));
}

/** The same for the whole period, one row per plant: capacities summed unrounded. */
export async function fetchPlantUtilisationSummary(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: UtilisationOptions = {},
): Promise<PlantUtilisationSummaryRow[]> {
  const rows = await db.$queryRaw<Array<Record<keyof PlantUtilisationSummaryRow, unknown>>>(Prisma.sql`
    WITH ${utilisationCte(scope, filters, today(options), options.source ?? "rollup")}
    SELECT plant_id, plant_name, to_char(MIN(d0), 'YYYY-MM-DD') AS first_day, to_char(MAX(d1), 'YYYY-MM-DD') AS last_day,
           SUM(days)::bigint AS days, SUM(units_built)::bigint AS units_built,
           ROUND(SUM(capacity), 2) AS capacity, ROUND(SUM(units_built) / SUM(capacity), 4) AS utilisation
    FROM monthly
    GROUP BY plant_id, plant_name
    ORDER BY plant_name`);
  return rows.map((row) => ({
    plant_id: count(row.plant_id),
    plant_name: String(row.plant_name),
    first_day: String(row.first_day),
    last_day: String(row.last_day),
    days: count(row.days),
    units_built: count(row.units_built),
    capacity: money(row.capacity),
    utilisation: decimal(row.utilisation, 4),
  }));
}

export const plantUtilisation: KpiDefinition<PlantUtilisationRow> = {
  name: "plant-utilisation",
  title: "Plant utilisation",
  description:
    "Vehicles built (manufacture_date) per plant and month against the annual capacity pro rata: capacity × days of the month in the period / days in that year; utilisation = built / pro-rata capacity.",
  permission: "inventory:view",
  columns: [
    { key: "plant_name", label: "Plant", kind: "text" },
    { key: "month_year", label: "Month", kind: "text" },
    { key: "days", label: "Days", kind: "count" },
    { key: "units_built", label: "Units built", kind: "count" },
    { key: "capacity", label: "Capacity (pro rata)", kind: "decimal" },
    { key: "utilisation", label: "Utilisation", kind: "decimal" },
  ],
  fetch: (db, scope, filters) => fetchPlantUtilisation(db, scope, filters),
};

export const plantUtilisationSummary: KpiDefinition<PlantUtilisationSummaryRow> = {
  name: "plant-utilisation-summary",
  title: "Plant utilisation for the period",
  description:
    "Per plant, the whole period: vehicles built against the annual capacity pro rata for its days (capacities summed unrounded); utilisation = built / pro-rata capacity.",
  permission: "inventory:view",
  columns: [
    { key: "plant_name", label: "Plant", kind: "text" },
    { key: "first_day", label: "First day", kind: "text" },
    { key: "last_day", label: "Last day", kind: "text" },
    { key: "days", label: "Days", kind: "count" },
    { key: "units_built", label: "Units built", kind: "count" },
    { key: "capacity", label: "Capacity (pro rata)", kind: "decimal" },
    { key: "utilisation", label: "Utilisation", kind: "decimal" },
  ],
  fetch: (db, scope, filters) => fetchPlantUtilisationSummary(db, scope, filters),
};
