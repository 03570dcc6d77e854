import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import { Prisma } from "../generated/prisma/client";
import { BUILT_COLUMNS, builtFacts } from "./build-source";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { KpiDefinition, QueryClient } from "./types";
import { count } from "./values";

export { BUILT_COLUMNS };

export type UnitsBuiltVsSoldRow = { month_year: string; units_built: number; units_sold: number };

/**
 * Vehicles built (by calendar month of manufacture_date) and sold (by month of
 * sale_date) per month, for vehicles built in `scope`'s plants. A month with only
 * one of the two shows 0 for the other. The date range applies to each one's own
 * date; region and channel narrow only the units sold. Both halves read rollups
 * whenever they cover the filters (the build rollup and the sales rollups).
 */
export async function fetchUnitsBuiltVsSold(
  db: QueryClient,
  scope: PlantScope,
  filters: Filters = NO_FILTERS,
  options: SalesQueryOptions = {},
): Promise<UnitsBuiltVsSoldRow[]> {
  const source = chooseSource(filters, options);
  const rows = await db.$queryRaw<Array<{ month_year: string; units_built: unknown; units_sold: unknown }>>(Prisma.sql`
    WITH built AS (
      SELECT f.month, SUM(f.units)::bigint AS units
      FROM (${builtFacts(scope, filters, source)}) f
      GROUP BY f.month
    ), sold AS (
      SELECT f.month, SUM(f.orders)::bigint AS units
      FROM (${salesFacts(scope, filters, source)}) f
      GROUP BY f.month
    )
    SELECT to_char(COALESCE(b.month, s.month), 'YYYY-MM') AS month_year,
           COALESCE(b.units, 0) AS units_built,
           COALESCE(s.units, 0) AS units_sold
    FROM built b FULL OUTER JOIN sold s ON s.month = b.month
    ORDER BY COALESCE(b.month, s.month)`);
  return rows.map((r) => ({ month_year: r.month_year, units_built: count(r.units_built), units_sold: count(r.units_sold) }));
}

export const unitsBuiltVsSold: KpiDefinition<UnitsBuiltVsSoldRow> = {
  name: "units-built-vs-sold",
  title: "Units built vs units sold",
  description:
    "Vehicles built per calendar month of manufacture_date and vehicles sold per month of sale_date. The date range applies to each one's own date; region and channel narrow only the units sold.",
  permission: "revenue:view",
  columns: [
    { key: "month_year", label: "Month", kind: "text" },
    { key: "units_built", label: "Units built", kind: "count" },
    { key: "units_sold", label: "Units sold", kind: "count" },
  ],
  fetch: (db, scope, filters) => fetchUnitsBuiltVsSold(db, scope, filters),
};
