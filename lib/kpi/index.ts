import { inventoryValueByPlant } from "./inventory-value-by-plant";
import { monthlyRevenue } from "./monthly-revenue";
import { revenueByModel } from "./revenue-by-model";
import type { AnyKpi } from "./types";

/** Every KPI by its command-line name. */
export const KPIS: Readonly<Record<string, AnyKpi>> = Object.fromEntries(
  [monthlyRevenue, inventoryValueByPlant, revenueByModel].map((kpi) => [kpi.name, kpi as AnyKpi]),
);

export const KPI_NAMES = Object.keys(KPIS);
