import "server-only";
import { cache } from "react";
import type { PlantScope } from "../access/policy";
import { getDb } from "../db";
import { type Filters, filtersKey } from "../filters";
import { fetchChannelMixByMonth } from "../kpi/channel-mix-by-month";
import { fetchFleetVsRetail } from "../kpi/fleet-vs-retail";
import { fetchModelShareByMonth } from "../kpi/model-share-by-month";
import { fetchRevenueByChannel } from "../kpi/revenue-by-channel";
import { fetchRevenueByRegion } from "../kpi/revenue-by-region";
import { fetchRevenueToDate } from "../kpi/revenue-to-date";
import { fetchSellingPrice } from "../kpi/selling-price-and-discount";
import type { QueryClient } from "../kpi/types";
import { fetchUnitsBuiltVsSold } from "../kpi/units-built-vs-sold";
import { loadSection } from "./load";

// The executive and sales pages' loaders: one query per KPI, scope, filters (and
// day, for the to-date figures) and request, shared by a section's chart, table and
// figures through React's request cache; a failure is a message for that section.
const scoped = <T>(what: string, fetch: (db: QueryClient, scope: PlantScope, filters: Filters, today: string) => Promise<T>) => {
  const load = cache((scopeKey: string, filterKey: string, today: string) =>
    loadSection(what, async () => fetch((await getDb()).prisma, JSON.parse(scopeKey) as PlantScope, JSON.parse(filterKey) as Filters, today)),
  );
  return (scope: PlantScope, filters: Filters, today = "") => load(JSON.stringify(scope), filtersKey(filters), today);
};

export const loadRevenueToDate = scoped("revenue to date", (db, scope, filters, today) => fetchRevenueToDate(db, scope, filters, { today }));
export const loadUnitsBuiltVsSold = scoped("units built vs sold", fetchUnitsBuiltVsSold);
export const loadSellingPrice = scoped("selling price and discount", fetchSellingPrice);
export const loadRevenueByRegion = scoped("revenue by region", fetchRevenueByRegion);
export const loadRevenueByChannel = scoped("revenue by channel", fetchRevenueByChannel);
export const loadModelShareByMonth = scoped("model share by month", fetchModelShareByMonth);
export const loadChannelMixByMonth = scoped("channel mix by month", fetchChannelMixByMonth);
export const loadFleetVsRetail = scoped("fleet vs retail", fetchFleetVsRetail);
