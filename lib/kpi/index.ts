import { inventoryByCategory } from "./inventory-by-category";
import { inventoryValueByPlant } from "./inventory-value-by-plant";
import { inventoryValueTrend } from "./inventory-value-trend";
import { monthlyRevenue } from "./monthly-revenue";
import { partsBelowReorder } from "./parts-below-reorder";
import { plantUtilisation } from "./plant-utilisation";
import { repeatRepairRate } from "./repeat-repair-rate";
import { revenueByModel } from "./revenue-by-model";
import { serviceByAge } from "./service-by-age";
import { serviceByModel } from "./service-by-model";
import { supplierQualitySpend } from "./supplier-quality-spend";
import type { AnyKpi } from "./types";

/** Every KPI by its command-line name. */
export const KPIS: Readonly<Record<string, AnyKpi>> = Object.fromEntries(
  [
    monthlyRevenue,
    inventoryValueByPlant,
    revenueByModel,
    // plant managers
    inventoryValueTrend,
    inventoryByCategory,
    partsBelowReorder,
    plantUtilisation,
    supplierQualitySpend,
    // service
    serviceByModel,
    serviceByAge,
    repeatRepairRate,
  ].map((kpi) => [kpi.name, kpi as AnyKpi]),
);

export const KPI_NAMES = Object.keys(KPIS);
