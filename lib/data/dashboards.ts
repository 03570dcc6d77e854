import "server-only";
import { cache } from "react";
import type { PlantScope } from "../access/policy";
import { getDb } from "../db";
import { type Filters, filtersKey, NO_FILTERS } from "../filters";
import { fetchInventoryValueByPlant } from "../kpi/inventory-value-by-plant";
import { fetchMonthlyRevenue } from "../kpi/monthly-revenue";
import { fetchPlantInventory } from "../kpi/plant-inventory";
import { fetchRevenueByModel } from "../kpi/revenue-by-model";
import { loadSection } from "./load";

// One query per KPI, scope, filters and request: the chart, the table and the
// figures of a page share it through React's request cache. Scope and filters are
// part of the key, so two scopes never share a result. Both are compared by value.
export const scoped = <T>(what: string, fetch: (scope: PlantScope, filters: Filters) => Promise<T>) => {
  const load = cache((scopeKey: string, filterKey: string) =>
    loadSection(what, () => fetch(JSON.parse(scopeKey) as PlantScope, JSON.parse(filterKey) as Filters)),
  );
  return (scope: PlantScope, filters: Filters = NO_FILTERS) => load(JSON.stringify(scope), filtersKey(filters));
};

export const loadMonthlyRevenue = scoped("monthly revenue", async (scope, filters) =>
  fetchMonthlyRevenue((await getDb()).prisma, scope, filters),
);

export const loadInventoryValueByPlant = scoped("inventory value by plant", async (scope, filters) =>
  fetchInventoryValueByPlant((await getDb()).prisma, scope, filters),
);

export const loadRevenueByModel = scoped("revenue by model", async (scope, filters) =>
  fetchRevenueByModel((await getDb()).prisma, scope, filters),
);

const loadPlantInventoryByKey = cache((plantId: number, scopeKey: string) =>
  loadSection("plant inventory", async () =>
    fetchPlantInventory((await getDb()).prisma, JSON.parse(scopeKey) as PlantScope, plantId),
  ),
);

export const loadPlantInventory = (plantId: number, scope: PlantScope) =>
  loadPlantInventoryByKey(plantId, JSON.stringify(scope));
