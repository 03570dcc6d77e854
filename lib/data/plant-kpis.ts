import "server-only";
import { getDb } from "../db";
import { fetchInventoryByCategory } from "../kpi/inventory-by-category";
import { fetchInventoryValueTrend } from "../kpi/inventory-value-trend";
import { fetchPartsBelowReorder } from "../kpi/parts-below-reorder";
import { fetchPlantUtilisation, fetchPlantUtilisationSummary } from "../kpi/plant-utilisation";
import { fetchSupplierQualitySpend } from "../kpi/supplier-quality-spend";
import { scoped } from "./dashboards";

// The plant manager's sections: one query per KPI, scope, filters and request.
export const loadInventoryValueTrend = scoped("inventory value trend", async (scope, filters) =>
  fetchInventoryValueTrend((await getDb()).prisma, scope, filters),
);

export const loadInventoryByCategory = scoped("inventory by category", async (scope, filters) =>
  fetchInventoryByCategory((await getDb()).prisma, scope, filters),
);

export const loadPartsBelowReorder = scoped("parts below reorder point", async (scope, filters) =>
  fetchPartsBelowReorder((await getDb()).prisma, scope, filters),
);

export const loadPlantUtilisation = scoped("plant utilisation", async (scope, filters) =>
  fetchPlantUtilisation((await getDb()).prisma, scope, filters),
);

export const loadPlantUtilisationSummary = scoped("plant utilisation summary", async (scope, filters) =>
  fetchPlantUtilisationSummary((await getDb()).prisma, scope, filters),
);

export const loadSupplierQualitySpend = scoped("supplier quality-weighted spend", async (scope, filters) =>
  fetchSupplierQualitySpend((await getDb()).prisma, scope, filters),
);
