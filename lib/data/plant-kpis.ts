import "server-only";
import { fetchInventoryByCategory } from "../kpi/inventory-by-category";
import { fetchInventoryValueTrend } from "../kpi/inventory-value-trend";
import { fetchPartsBelowReorder } from "../kpi/parts-below-reorder";
import { fetchPlantUtilisation, fetchPlantUtilisationSummary } from "../kpi/plant-utilisation";
import { fetchSupplierQualitySpend } from "../kpi/supplier-quality-spend";
import { sectionLoader } from "./load";

/** Utilisation counts the vehicles built against the plants' capacity. */
const PLANT_BUILD_TABLES = ["plants", "vehicles"] as const;

// The plant manager's sections: one query per KPI, scope, filters and request.
export const loadInventoryValueTrend = sectionLoader("inventory value trend", fetchInventoryValueTrend);
export const loadInventoryByCategory = sectionLoader("inventory by category", fetchInventoryByCategory);
export const loadPartsBelowReorder = sectionLoader("parts below reorder point", fetchPartsBelowReorder);
export const loadPlantUtilisation = sectionLoader("plant utilisation", fetchPlantUtilisation, { readsFrom: PLANT_BUILD_TABLES });
export const loadPlantUtilisationSummary = sectionLoader("plant utilisation summary", fetchPlantUtilisationSummary, { readsFrom: PLANT_BUILD_TABLES });
export const loadSupplierQualitySpend = sectionLoader("supplier quality-weighted spend", fetchSupplierQualitySpend);
