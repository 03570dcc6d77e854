import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import type { Filters } from "../filters";
import { type FilterColumns, filterCondition } from "../filters/sql";
import { Prisma } from "../generated/prisma/client";

/**
 * Orders with their vehicle and customer, and the page filters on them: for the
 * sales KPIs that need a column the rollups do not carry (fleet vs retail: the
 * customer's segment); the others read `salesFacts` (./sales-source.ts). A
 * vehicle's plant decides the scope (a plant manager's plants built it); the
 * date range applies to `sale_date`, the region is the customer's, the channel
 * the order's.
 */
export const SALES_FROM = Prisma.sql`salesorders s
    JOIN vehicles v ON v.vin = s.vin
    JOIN customers c ON c.customer_id = s.customer_id`;

export const SALES_COLUMNS: FilterColumns = {
  date: Prisma.sql`s.sale_date`,
  plant: Prisma.sql`v.plant_id`,
  model: Prisma.sql`v.model_name`,
  region: Prisma.sql`c.region`,
  channel: Prisma.sql`s.channel`,
};

/** Scope AND filters, for a query over `SALES_FROM`. */
export function salesWhere(scope: PlantScope, filters: Filters, columns: FilterColumns = SALES_COLUMNS): Prisma.Sql {
  return Prisma.sql`${plantScopeCondition(scope, Prisma.sql`v.plant_id`)} AND ${filterCondition(filters, columns)}`;
}
