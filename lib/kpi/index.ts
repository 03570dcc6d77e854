import { channelMixByMonth } from "./channel-mix-by-month";
import { fleetVsRetail } from "./fleet-vs-retail";
import { inventoryValueByPlant } from "./inventory-value-by-plant";
import { modelShareByMonth } from "./model-share-by-month";
import { monthlyRevenue } from "./monthly-revenue";
import { revenueByChannel } from "./revenue-by-channel";
import { revenueByModel } from "./revenue-by-model";
import { revenueByRegion } from "./revenue-by-region";
import { revenueToDate } from "./revenue-to-date";
import { sellingPriceAndDiscount } from "./selling-price-and-discount";
import { unitsBuiltVsSold } from "./units-built-vs-sold";
import type { AnyKpi } from "./types";

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
  ].map((kpi) => [kpi.name, kpi as AnyKpi]),
);

export const KPI_NAMES = Object.keys(KPIS);
