import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import type { Filters } from "../filters";
import { type FilterColumns, filterCondition } from "../filters/sql";
import { Prisma } from "../generated/prisma/client";
import { rollupRange, type SalesSource } from "./sales-source";

/**
 * The vehicles built, as one SQL relation with the columns
 *
 *   month (date, first of the month of manufacture_date), plant_id, model_name, trim, units
 *
 * narrowed to the caller's plant scope and to the filters a built vehicle has:
 * the date range (on manufacture_date), plant and model. A vehicle has no
 * customer or channel yet, so region and channel filters do not apply to it.
 * Two implementations give the same counts:
 *
 * - `rollup`: `build_rollup_monthly` for whole months and `build_rollup_daily`
 *   for the days of a partially covered first or last month (migration
 *   20261208010000_build_rollup, kept exact by triggers on vehicles);
 * - `raw`: the vehicles table (2 million rows at scale 100).
 */
export const BUILT_COLUMNS: FilterColumns = {
  date: Prisma.sql`v.manufacture_date`,
  plant: Prisma.sql`v.plant_id`,
  model: Prisma.sql`v.model_name`,
};

function rollupBuilt(scope: PlantScope, filters: Filters): Prisma.Sql {
  return rollupRange({
    monthly: "build_rollup_monthly",
    daily: "build_rollup_daily",
    dayColumn: "manufacture_date",
    columns: ["plant_id", "model_name", "trim", "units"],
    where: (alias) =>
      Prisma.sql`${plantScopeCondition(scope, Prisma.raw(`${alias}.plant_id`))} AND ${filterCondition(
        { ...filters, from: null, to: null },
        { plant: Prisma.raw(`${alias}.plant_id`), model: Prisma.raw(`${alias}.model_name`) },
      )}`,
    from: filters.from,
    to: filters.to,
    empty: Prisma.sql`
      SELECT NULL::date AS month, NULL::int AS plant_id, NULL::text AS model_name, NULL::text AS trim, 0::bigint AS units
      WHERE FALSE`,
  });
}

function rawBuilt(scope: PlantScope, filters: Filters): Prisma.Sql {
  return Prisma.sql`
    SELECT date_trunc('month', v.manufacture_date)::date AS month, v.plant_id, v.model_name, v.trim, 1 AS units
    FROM vehicles v
    WHERE ${plantScopeCondition(scope, Prisma.sql`v.plant_id`)} AND ${filterCondition(filters, BUILT_COLUMNS)}`;
}

/** The built-vehicles relation (see above) for `scope` and `filters`, from `source`. */
export function builtFacts(scope: PlantScope, filters: Filters, source: SalesSource): Prisma.Sql {
  return source === "rollup" ? rollupBuilt(scope, filters) : rawBuilt(scope, filters);
}
