import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { type Filters, NO_FILTERS } from "../filters";
import { type FilterColumns, filterCondition } from "../filters/sql";
import { Prisma } from "../generated/prisma/client";
import { SALES_FROM, salesWhere } from "./sales-sql";
import type { KpiDefinition, QueryClient } from "./types";
import { count } from "./values";

export type UnitsBuiltVsSoldRow = { month_year: string; units_built: number; units_sold: number };

/**
 * What a built vehicle can be filtered by: its build date, plant and model. It has
 * no customer or channel yet, so region and channel narrow only the units sold.
 */
export const BUILT_COLUMNS: FilterColumns = {
  date: Prisma.sql`v.manufacture_date`,
  plant: Prisma.sql`v.plant_id`,
  model: Prisma.sql`v.model_name`,
};

/**
 * Vehicles built (by calendar month of manufacture_date) and sold (by month of
 * sale_date) per month, for vehicles built in `scope`'s plants. A month with only
 * one of the two shows 0 for the other.
 */
export async function fetchUnitsBuiltVsSold(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<UnitsBuiltVsSoldRow[]> {
  const rows = await db.$queryRaw<Array<{ month_year: string; units_built: unknown; units_sold: unknown }>>(Prisma.sql`
    WITH built AS (
      SELECT to_char(v.manufacture_date, 'YYYY-MM') AS month_year, COUNT(*) AS units
      FROM vehicles v
      WHERE ${plantScopeCondition(scope, Prisma.sql`v.plant_id`)} AND ${filterCondition(filters, BUILT_COLUMNS)}
      GROUP BY 1
    ), sold AS (
      SELECT to_char(s.sale_date, 'YYYY-MM') AS month_year, COUNT(*) AS units
      FROM ${SALES_FROM}
      WHERE ${salesWhere(scope, filters)}
      GROUP BY 1
    )
    SELECT COALESCE(b.month_year, s.month_year) AS month_year,
           COALESCE(b.units, 0) AS units_built,
           COALESCE(s.units, 0) AS units_sold
    FROM built b FULL OUTER JOIN sold s ON s.month_year = b.month_year
    ORDER BY 1`);
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
  fetch: fetchUnitsBuiltVsSold,
};
