import { channelMixByMonth } from "./channel-mix-by-month";
import { fleetVsRetail } from "./fleet-vs-retail";
import { inventoryByCategory } from "./inventory-by-category";
import { inventoryValueByPlant } from "./inventory-value-by-plant";
import { inventoryValueTrend } from "./inventory-value-trend";
import { modelShareByMonth } from "./model-share-by-month";
import { monthlyRevenue } from "./monthly-revenue";
import { partsBelowReorder } from "./parts-below-reorder";
import { plantUtilisation, plantUtilisationSummary } from "./plant-utilisation";
import { repeatRepairRate } from "./repeat-repair-rate";
import { revenueByChannel } from "./revenue-by-channel";
import { revenueByModel } from "./revenue-by-model";
import { revenueByRegion } from "./revenue-by-region";
import { revenueToDate } from "./revenue-to-date";
import { sellingPriceAndDiscount } from "./selling-price-and-discount";
import { serviceByAge } from "./service-by-age";
import { serviceByModel } from "./service-by-model";
import { supplierQualitySpend } from "./supplier-quality-spend";
import type { AnyKpi } from "./types";
import { unitsBuiltVsSold } from "./units-built-vs-sold";

/** Every KPI by its command-line name. */
export const KPIS: Readonly<Record<string, AnyKpi>> = Object.fromEntries(
  [
    monthlyRevenue,
    inventoryValueByPlant,
    revenueByModel,
    // Executive overview
    revenueToDate,
    unitsBuiltVsSold,
    sellingPriceAndDiscount,
    revenueByRegion,
    revenueByChannel,
    // Sales
    modelShareByMonth,
    channelMixByMonth,
    fleetVsRetail,
    // plant managers
    inventoryValueTrend,
    inventoryByCategory,
    partsBelowReorder,
    plantUtilisation,
    plantUtilisationSummary,
    supplierQualitySpend,
    // service
    serviceByModel,
    serviceByAge,
    repeatRepairRate,
  ].map((kpi) => [kpi.name, kpi as AnyKpi]),
);

export const KPI_NAMES = Object.keys(KPIS);
