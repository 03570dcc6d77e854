import "server-only";
import { cache } from "react";
import type { PlantScope } from "../access/policy";
import { getDb } from "../db";
import type { Filters } from "../filters";
import type { OrderListParams } from "../filters/drill";
import { fetchModelBreakdown, modelExists } from "../kpi/model-breakdown";
import { countModelOrders, fetchModelOrders } from "../kpi/model-orders";
import { SALES_TABLES, sectionLoader } from "./load";

// The model drill-down's queries, once per request and arguments (the chart and
// the table of a breakdown share one query), failures as a message per section.
export const loadModelBreakdown = sectionLoader("model breakdown", fetchModelBreakdown, { readsFrom: SALES_TABLES });
export const loadModelOrders = sectionLoader("model orders", fetchModelOrders, { readsFrom: SALES_TABLES });
const modelOrderCount = sectionLoader("model order count", countModelOrders, { readsFrom: SALES_TABLES });
export const loadModelOrderCount = (scope: PlantScope, model: string, filters: Filters, selection: Pick<OrderListParams, "trim" | "month">) =>
  modelOrderCount(scope, model, filters, { trim: selection.trim, month: selection.month });

/** Whether the model exists at all (unknown names are a 404). A failure counts as existing: the sections then report it. */
export const modelIsKnown = cache(async (model: string): Promise<boolean> => {
  try {
    return await modelExists((await getDb()).prisma, model);
  } catch {
    return true;
  }
});
