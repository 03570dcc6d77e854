import "server-only";
import type { PlantScope } from "../access/policy";
import type { Filters } from "../filters";
import { fetchChannelMixByMonth } from "../kpi/channel-mix-by-month";
import { fetchFleetVsRetail } from "../kpi/fleet-vs-retail";
import { fetchModelShareByMonth } from "../kpi/model-share-by-month";
import { fetchRevenueByChannel } from "../kpi/revenue-by-channel";
import { fetchRevenueByRegion } from "../kpi/revenue-by-region";
import { fetchRevenueToDate } from "../kpi/revenue-to-date";
import { fetchSellingPrice } from "../kpi/selling-price-and-discount";
import { fetchUnitsBuiltVsSold } from "../kpi/units-built-vs-sold";
import { SALES_TABLES, sectionLoader } from "./load";

// The executive and sales pages' loaders: one query per KPI, scope, filters (and
// day, for the to-date figures) and request.
const revenueToDate = sectionLoader("revenue to date", fetchRevenueToDate, { readsFrom: SALES_TABLES });
export const loadRevenueToDate = (scope: PlantScope, filters: Filters, today: string) => revenueToDate(scope, filters, { today });
export const loadUnitsBuiltVsSold = sectionLoader("units built vs sold", fetchUnitsBuiltVsSold, { readsFrom: SALES_TABLES });
export const loadSellingPrice = sectionLoader("selling price and discount", fetchSellingPrice, { readsFrom: SALES_TABLES });
export const loadRevenueByRegion = sectionLoader("revenue by region", fetchRevenueByRegion, { readsFrom: SALES_TABLES });
export const loadRevenueByChannel = sectionLoader("revenue by channel", fetchRevenueByChannel, { readsFrom: SALES_TABLES });
export const loadModelShareByMonth = sectionLoader("model share by month", fetchModelShareByMonth, { readsFrom: SALES_TABLES });
export const loadChannelMixByMonth = sectionLoader("channel mix by month", fetchChannelMixByMonth, { readsFrom: SALES_TABLES });
export const loadFleetVsRetail = sectionLoader("fleet vs retail", fetchFleetVsRetail, { readsFrom: SALES_TABLES });
