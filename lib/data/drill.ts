import "server-only";
import { cache } from "react";
import type { PlantScope } from "../access/policy";
import { getDb } from "../db";
import { type Filters, filtersKey } from "../filters";
import type { OrderListParams } from "../filters/drill";
import { fetchModelBreakdown, modelExists } from "../kpi/model-breakdown";
import { countModelOrders, fetchModelOrders } from "../kpi/model-orders";
import { loadSection } from "./load";

// The model drill-down's queries, once per request and arguments (the chart and
// the table of a breakdown share one query), failures as a message per section.
// Scope and filters travel as keys: React's cache compares arguments by identity.

const breakdownByKey = cache((scopeKey: string, model: string, filterKey: string) =>
  loadSection("model breakdown", async () =>
    fetchModelBreakdown((await getDb()).prisma, JSON.parse(scopeKey) as PlantScope, model, JSON.parse(filterKey) as Filters),
  ),
);
export const loadModelBreakdown = (scope: PlantScope, model: string, filters: Filters) =>
  breakdownByKey(JSON.stringify(scope), model, filtersKey(filters));

const ordersByKey = cache((scopeKey: string, model: string, filterKey: string, paramsKey: string) =>
  loadSection("model orders", async () =>
    fetchModelOrders(
      (await getDb()).prisma,
      JSON.parse(scopeKey) as PlantScope,
      model,
      JSON.parse(filterKey) as Filters,
      JSON.parse(paramsKey) as OrderListParams,
    ),
  ),
);
export const loadModelOrders = (scope: PlantScope, model: string, filters: Filters, params: OrderListParams) =>
  ordersByKey(JSON.stringify(scope), model, filtersKey(filters), JSON.stringify(params));

const countByKey = cache((scopeKey: string, model: string, filterKey: string, trim: string | null, month: string | null) =>
  loadSection("model order count", async () =>
    countModelOrders((await getDb()).prisma, JSON.parse(scopeKey) as PlantScope, model, JSON.parse(filterKey) as Filters, { trim, month }),
  ),
);
export const loadModelOrderCount = (scope: PlantScope, model: string, filters: Filters, selection: Pick<OrderListParams, "trim" | "month">) =>
  countByKey(JSON.stringify(scope), model, filtersKey(filters), selection.trim, selection.month);

/** Whether the model exists at all (unknown names are a 404). A failure counts as existing: the sections then report it. */
export const modelIsKnown = cache(async (model: string): Promise<boolean> => {
  try {
    return await modelExists((await getDb()).prisma, model);
  } catch {
    return true;
  }
});
