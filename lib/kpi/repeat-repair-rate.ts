import { type Filters, NO_FILTERS } from "../filters";
import type { PlantScope } from "../access/policy";
import { Prisma } from "../generated/prisma/client";
import { fleetCte, visitsCte } from "./service-fleet";
import type { KpiDefinition, QueryClient } from "./types";
import { count, decimal } from "./values";

export type RepeatRepairRow = {
  model_name: string;
  /** Vehicles with at least one repair visit in the range. */
  repaired_vehicles: number;
  /** Of those, vehicles with two or more repair visits in the range. */
  repeat_vehicles: number;
  /** repeat_vehicles / repaired_vehicles, four decimals. */
  repeat_rate: string;
};

/**
 * Repeat-repair rate per model: among the vehicles in view with at least one
 * `repair` visit within the date range (service_date), the share with two or
 * more repair visits within that same range. Scheduled, warranty and recall
 * visits do not count. Models without any repair in the range are left out.
 */
export async function fetchRepeatRepairRate(db: QueryClient, scope: PlantScope, filters: Filters = NO_FILTERS): Promise<RepeatRepairRow[]> {
  const rows = await db.$queryRaw<Array<Record<keyof RepeatRepairRow, unknown>>>(Prisma.sql`
    WITH ${fleetCte(scope, filters)},
    ${visitsCte(filters)},
    repaired AS (
      SELECT vin, model_name, COUNT(*) AS repairs
      FROM visits
      WHERE service_type = 'repair'
      GROUP BY vin, model_name
    )
    SELECT model_name,
           COUNT(*) AS repaired_vehicles,
           COUNT(*) FILTER (WHERE repairs >= 2) AS repeat_vehicles,
           ROUND(COUNT(*) FILTER (WHERE repairs >= 2)::numeric / COUNT(*), 4) AS repeat_rate
    FROM repaired
    GROUP BY model_name
    ORDER BY model_name`);
  return rows.map((row) => ({
    model_name: String(row.model_name),
    repaired_vehicles: count(row.repaired_vehicles),
    repeat_vehicles: count(row.repeat_vehicles),
    repeat_rate: decimal(row.repeat_rate, 4),
  }));
}

export const repeatRepairRate: KpiDefinition<RepeatRepairRow> = {
  name: "repeat-repair-rate",
  title: "Repeat-repair rate",
  description:
    "Per model: vehicles with at least one repair visit in the range, those with two or more, and the share of the latter (the repeat-repair rate).",
  permission: "service:view",
  columns: [
    { key: "model_name", label: "Model", kind: "text" },
    { key: "repaired_vehicles", label: "Vehicles repaired", kind: "count" },
    { key: "repeat_vehicles", label: "Repaired twice or more", kind: "count" },
    { key: "repeat_rate", label: "Repeat-repair rate", kind: "decimal" },
  ],
  fetch: fetchRepeatRepairRate,
};
