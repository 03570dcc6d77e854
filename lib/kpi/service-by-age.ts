import { type Filters, NO_FILTERS } from "../filters";
import type { PlantScope } from "../access/policy";
import { Prisma } from "../generated/prisma/client";
import { fleetCte, visitsCte } from "./service-fleet";
import type { KpiDefinition, QueryClient } from "./types";
import { count, decimal, money } from "./values";

export type ServiceByAgeRow = {
  model_name: string;
  /** First month of the bucket: 0, 12, 24, … */
  months_from: number;
  /** "0–11", "12–23", … */
  months_in_service: string;
  /** Vehicles of the model in view: the per-1,000 denominator (the same for every bucket). */
  vehicles: number;
  visits: number;
  visits_per_1000: string;
  warranty_visits: number;
  warranty_visits_per_1000: string;
  warranty_cost: string;
  warranty_cost_per_1000: string;
};

/**
 * Service visits and warranty by model and months in service: whole months from
 * the start of service (sale date; build date if unsold) to the visit, in
 * 12-month buckets 0–11, 12–23, …; per 1,000 vehicles of the model in view.
 * The denominator is not exposure-adjusted: a bucket of older age also counts
 * vehicles too young to have reached it.
 */
export async function fetchServiceByAge(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<ServiceByAgeRow[]> {
  const rows = await db.$queryRaw<Array<Record<keyof ServiceByAgeRow, unknown>>>(Prisma.sql`
    WITH ${fleetCte(scope, filters)},
    ${visitsCte(filters)},
    denominators AS (
      SELECT model_name, COUNT(*) AS vehicles FROM fleet GROUP BY model_name
    ),
    buckets AS (
      SELECT model_name, (months_in_service / 12) * 12 AS months_from, COUNT(*) AS visits,
             COUNT(*) FILTER (WHERE service_type = 'warranty') AS warranty_visits,
             COALESCE(SUM(cost) FILTER (WHERE service_type = 'warranty'), 0) AS warranty_cost
      FROM visits
      GROUP BY 1, 2
    )
    SELECT b.model_name, b.months_from, d.vehicles, b.visits,
           ROUND(b.visits * 1000.0 / d.vehicles, 1) AS visits_per_1000,
           b.warranty_visits,
           ROUND(b.warranty_visits * 1000.0 / d.vehicles, 1) AS warranty_visits_per_1000,
           b.warranty_cost,
           ROUND(b.warranty_cost * 1000 / d.vehicles, 2) AS warranty_cost_per_1000
    FROM buckets b
    JOIN denominators d ON d.model_name = b.model_name
    ORDER BY b.model_name, b.months_from`);
  return rows.map((row) => {
    const from = count(row.months_from);
    return {
      model_name: String(row.model_name),
      months_from: from,
      months_in_service: `${from}–${from + 11}`,
      vehicles: count(row.vehicles),
      visits: count(row.visits),
      visits_per_1000: decimal(row.visits_per_1000, 1),
      warranty_visits: count(row.warranty_visits),
      warranty_visits_per_1000: decimal(row.warranty_visits_per_1000, 1),
      warranty_cost: money(row.warranty_cost),
      warranty_cost_per_1000: money(row.warranty_cost_per_1000),
    };
  });
}

export const serviceByAge: KpiDefinition<ServiceByAgeRow> = {
  name: "service-by-age",
  title: "Service visits and warranty per 1,000 vehicles, by months in service",
  description:
    "Per model and 12-month bucket of months in service (sale date, or build date if unsold, to service date): visits and warranty visits in the range, per 1,000 vehicles of the model in view; warranty cost = recorded cost of warranty visits.",
  permission: "service:view",
  columns: [
    { key: "model_name", label: "Model", kind: "text" },
    { key: "months_from", label: "From month", kind: "count" },
    { key: "months_in_service", label: "Months in service", kind: "text" },
    { key: "vehicles", label: "Vehicles", kind: "count" },
    { key: "visits", label: "Visits", kind: "count" },
    { key: "visits_per_1000", label: "Visits per 1,000", kind: "decimal" },
    { key: "warranty_visits", label: "Warranty visits", kind: "count" },
    { key: "warranty_visits_per_1000", label: "Warranty visits per 1,000", kind: "decimal" },
    { key: "warranty_cost", label: "Warranty cost", kind: "money" },
    { key: "warranty_cost_per_1000", label: "Warranty cost per 1,000", kind: "money" },
  ],
  fetch: fetchServiceByAge,
};
