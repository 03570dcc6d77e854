import { Prisma } from "../generated/prisma/client";
import { type Filters, FILTER_FIELDS, unappliedFields } from "./index";

/**
 * The columns a query exposes to the filters, as trusted SQL identifiers written
 * in code (never user input). A filter whose column a query does not name is not
 * applicable to it; `filterCondition` then leaves it out, and the page says so.
 */
export type FilterColumns = Partial<{
  /** The date the range applies to (sale_date for sales KPIs). */
  date: Prisma.Sql;
  plant: Prisma.Sql;
  model: Prisma.Sql;
  region: Prisma.Sql;
  channel: Prisma.Sql;
}>;

/**
 * One SQL condition (ANDed, parameterised) for every filter that is set and whose
 * column the query names. `TRUE` when nothing applies. Values are always bound
 * parameters; the date bounds are inclusive.
 */
export function filterCondition(filters: Filters, columns: FilterColumns): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (columns.date) {
    if (filters.from) parts.push(Prisma.sql`${columns.date} >= ${filters.from}::date`);
    if (filters.to) parts.push(Prisma.sql`${columns.date} <= ${filters.to}::date`);
  }
  if (columns.plant && filters.plantIds.length > 0) parts.push(Prisma.sql`${columns.plant} = ANY(${filters.plantIds}::int[])`);
  if (columns.model && filters.models.length > 0) parts.push(Prisma.sql`${columns.model} = ANY(${filters.models}::text[])`);
  if (columns.region && filters.regions.length > 0) parts.push(Prisma.sql`${columns.region} = ANY(${filters.regions}::text[])`);
  if (columns.channel && filters.channels.length > 0) parts.push(Prisma.sql`${columns.channel} = ANY(${filters.channels}::text[])`);
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, " AND ");
}

/** Which of the set filters a query with `columns` cannot apply (to tell the user). */
export function unappliedFilters(filters: Filters, columns: FilterColumns): string[] {
  return unappliedFields(filters, FILTER_FIELDS.filter((f) => columns[f] !== undefined));
}
