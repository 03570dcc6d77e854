import "server-only";
import { cache } from "react";
import type { PlantScope } from "../access/policy";
import { getDb } from "../db";
import { fetchInventoryValueByPlant } from "../kpi/inventory-value-by-plant";
import { fetchMonthlyRevenue } from "../kpi/monthly-revenue";
import { fetchPlantInventory } from "../kpi/plant-inventory";
import { fetchRevenueByModel } from "../kpi/revenue-by-model";
import { loadSection } from "./load";

// One query per KPI, scope and request: the chart, the table and the figures of a
// page share it through React's request cache. The scope is part of the key, so
// two scopes never share a result. Scopes are compared by value (JSON).
const scoped = <T>(what: string, fetch: (scope: PlantScope) => Promise<T>) => {
  const load = cache((key: string) => loadSection(what, () => fetch(JSON.parse(key) as PlantScope)));
  return (scope: PlantScope) => load(JSON.stringify(scope));
};

export const loadMonthlyRevenue = scoped("monthly revenue", async (scope) =>
  fetchMonthlyRevenue((await getDb()).prisma, scope),
);

export const loadInventoryValueByPlant = scoped("inventory value by plant", async (scope) =>
  fetchInventoryValueByPlant((await getDb()).prisma, scope),
);

export const loadRevenueByModel = scoped("revenue by model", async (scope) =>
  fetchRevenueByModel((await getDb()).prisma, scope),
);

const loadPlantInventoryByKey = cache((plantId: number, scopeKey: string) =>
  loadSection("plant inventory", async () =>
    fetchPlantInventory((await getDb()).prisma, JSON.parse(scopeKey) as PlantScope, plantId),
  ),
);

export const loadPlantInventory = (plantId: number, scope: PlantScope) =>
  loadPlantInventoryByKey(plantId, JSON.stringify(scope));
