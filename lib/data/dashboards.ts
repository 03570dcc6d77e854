import "server-only";
import { cache } from "react";
import { getDb } from "../db";
import { fetchInventoryValueByPlant } from "../kpi/inventory-value-by-plant";
import { fetchMonthlyRevenue } from "../kpi/monthly-revenue";
import { fetchRevenueByModel } from "../kpi/revenue-by-model";
import { loadSection } from "./load";

// One query per KPI and request: the chart, the table and the figures of a page
// share it through React's request cache.
export const loadMonthlyRevenue = cache(() =>
  loadSection("monthly revenue", async () => fetchMonthlyRevenue((await getDb()).prisma)),
);

export const loadInventoryValueByPlant = cache(() =>
  loadSection("inventory value by plant", async () => fetchInventoryValueByPlant((await getDb()).prisma)),
);

export const loadRevenueByModel = cache(() =>
  loadSection("revenue by model", async () => fetchRevenueByModel((await getDb()).prisma)),
);
