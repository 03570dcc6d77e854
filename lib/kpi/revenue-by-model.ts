import { type Filters, NO_FILTERS } from "../filters";
import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import type { KpiDefinition, QueryClient } from "./types";
import { count, money } from "./values";

export type RevenueByModelRow = { model_name: string; units_sold: number; total_revenue: string };

/** Reference KPI 3 of the data contract: units and revenue per vehicle model, for vehicles built in `scope`. */
export async function fetchRevenueByModel(db: QueryClient, scope: PlantScope, _filters: Filters = NO_FILTERS): Promise<RevenueByModelRow[]> {
  const rows = await db.$queryRaw<Array<{ model_name: string; units_sold: unknown; total_revenue: unknown }>>(Prisma.sql`
    SELECT v.model_name,
           COUNT(s.order_id) AS units_sold,
           SUM(s.sale_price) AS total_revenue
    FROM salesorders s
    JOIN vehicles v ON s.vin = v.vin
    WHERE ${plantScopeCondition(scope, Prisma.sql`v.plant_id`)}
    GROUP BY v.model_name
    ORDER BY total_revenue DESC, v.model_name`);
  return rows.map((row) => ({
    model_name: row.model_name,
    units_sold: count(row.units_sold),
    total_revenue: money(row.total_revenue),
  }));
}

export const revenueByModel: KpiDefinition<RevenueByModelRow> = {
  name: "revenue-by-model",
  title: "Revenue share by model",
  description: "Units sold and revenue per vehicle model, and each model's share of revenue.",
  permission: "models:view",
  columns: [
    { key: "model_name", label: "Model", kind: "text" },
    { key: "units_sold", label: "Units sold", kind: "count" },
    { key: "total_revenue", label: "Revenue", kind: "money" },
  ],
  fetch: fetchRevenueByModel,
};
