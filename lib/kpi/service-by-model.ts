import { type Filters, NO_FILTERS } from "../filters";
import type { PlantScope } from "../access/policy";
import { Prisma } from "../generated/prisma/client";
import { fleetCte, visitsCte } from "./service-fleet";
import type { KpiDefinition, QueryClient } from "./types";
import { count, decimal, money } from "./values";

export type ServiceByModelRow = {
  model_name: string;
  /** Vehicles of the model in view: the per-1,000 denominator. */
  vehicles: number;
  visits: number;
  /** visits × 1000 / vehicles, one decimal. */
  visits_per_1000: string;
  /** Visits of type `warranty`. */
  warranty_visits: number;
  warranty_visits_per_1000: string;
  /** Σ cost of the warranty visits as recorded in servicerecords.cost. */
  warranty_cost: string;
  warranty_cost_per_1000: string;
};

/**
 * Service visits and warranty per model, per 1,000 vehicles of that model in
 * view (see `fleetCte`), visits within the date range on service_date.
 * Warranty cost is the sum of `servicerecords.cost` of `warranty` visits: the
 * cost recorded on the visit (the demo data records what the owner was invoiced,
 * 0.00 for warranty work, so there the figure is 0 and the visit counts tell).
 */
export async function fetchServiceByModel(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<ServiceByModelRow[]> {
  const rows = await db.$queryRaw<Array<Record<keyof ServiceByModelRow, unknown>>>(Prisma.sql`
    WITH ${fleetCte(scope, filters)},
    ${visitsCte(filters)},
    per_model AS (
      SELECT model_name, COUNT(*) AS visits,
             COUNT(*) FILTER (WHERE service_type = 'warranty') AS warranty_visits,
             COALESCE(SUM(cost) FILTER (WHERE service_type = 'warranty'), 0) AS warranty_cost
      FROM visits
      GROUP BY model_name
    ),
    denominators AS (
      SELECT model_name, COUNT(*) AS vehicles FROM fleet GROUP BY model_name
    )
    SELECT d.model_name, d.vehicles,
           COALESCE(m.visits, 0) AS visits,
           ROUND(COALESCE(m.visits, 0) * 1000.0 / d.vehicles, 1) AS visits_per_1000,
           COALESCE(m.warranty_visits, 0) AS warranty_visits,
           ROUND(COALESCE(m.warranty_visits, 0) * 1000.0 / d.vehicles, 1) AS warranty_visits_per_1000,
           COALESCE(m.warranty_cost, 0) AS warranty_cost,
           ROUND(COALESCE(m.warranty_cost, 0) * 1000 / d.vehicles, 2) AS warranty_cost_per_1000
    FROM denominators d
    LEFT JOIN per_model m ON m.model_name = d.model_name
    ORDER BY d.model_name`);
  return rows.map((row) => ({
    model_name: String(row.model_name),
    vehicles: count(row.vehicles),
    visits: count(row.visits),
    visits_per_1000: decimal(row.visits_per_1000, 1),
    warranty_visits: count(row.warranty_visits),
    warranty_visits_per_1000: decimal(row.warranty_visits_per_1000, 1),
    warranty_cost: money(row.warranty_cost),
    warranty_cost_per_1000: money(row.warranty_cost_per_1000),
  }));
}

export const serviceByModel: KpiDefinition<ServiceByModelRow> = {
  name: "service-by-model",
  title: "Service visits and warranty per 1,000 vehicles, by model",
  description:
    "Per model: vehicles in view (built in the plants in view, on or before the end of the range), service visits and warranty visits in the range (service_date), each per 1,000 vehicles; warranty cost = recorded cost of warranty visits.",
  permission: "service:view",
  columns: [
    { key: "model_name", label: "Model", kind: "text" },
    { key: "vehicles", label: "Vehicles", kind: "count" },
    { key: "visits", label: "Visits", kind: "count" },
    { key: "visits_per_1000", label: "Visits per 1,000", kind: "decimal" },
    { key: "warranty_visits", label: "Warranty visits", kind: "count" },
    { key: "warranty_visits_per_1000", label: "Warranty visits per 1,000", kind: "decimal" },
    { key: "warranty_cost", label: "Warranty cost", kind: "money" },
    { key: "warranty_cost_per_1000", label: "Warranty cost per 1,000", kind: "money" },
  ],
  fetch: fetchServiceByModel,
};
