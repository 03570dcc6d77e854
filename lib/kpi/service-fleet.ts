import type { Filters } from "../filters";
import { filterCondition } from "../filters/sql";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";

/**
 * The vehicles the service KPIs speak about, as a CTE `fleet(vin, model_name,
 * in_service_from)`: built in the scope's plants (and the plant and model
 * filters), and built on or before the end of the date range, since a vehicle
 * built later cannot have been serviced in it. It is also the per-1,000
 * denominator.
 *
 * `in_service_from` is the sale date, or the build date for a vehicle not sold
 * (yet): a vehicle's service life starts when it is delivered, and its warranty
 * with it; a car that stood three months at the plant was not in service.
 */
export function fleetCte(scope: PlantScope, filters: Filters): Prisma.Sql {
  return Prisma.sql`
    fleet AS (
      SELECT v.vin, v.model_name, COALESCE(so.sale_date, v.manufacture_date) AS in_service_from
      FROM vehicles v
      LEFT JOIN salesorders so ON so.vin = v.vin
      WHERE ${plantScopeCondition(scope, Prisma.sql`v.plant_id`)}
        AND ${filterCondition(filters, { plant: Prisma.sql`v.plant_id`, model: Prisma.sql`v.model_name` })}
        AND ${filters.to === null ? Prisma.sql`TRUE` : Prisma.sql`v.manufacture_date <= ${filters.to}::date`}
    )`;
}

/** Service records of the fleet within the date range (on service_date). */
export function visitsCte(filters: Filters): Prisma.Sql {
  return Prisma.sql`
    visits AS (
      SELECT r.service_id, r.vin, f.model_name, r.service_type, r.cost, r.service_date,
             -- Whole months from the start of service to the visit; a visit before delivery counts as month 0.
             GREATEST(0, (EXTRACT(YEAR FROM age(r.service_date::timestamp, f.in_service_from::timestamp)) * 12
                          + EXTRACT(MONTH FROM age(r.service_date::timestamp, f.in_service_from::timestamp)))::int) AS months_in_service
      FROM servicerecords r
      JOIN fleet f ON f.vin = r.vin
      WHERE ${filterCondition(filters, { date: Prisma.sql`r.service_date` })}
    )`;
}
