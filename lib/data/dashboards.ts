import "server-only";
import { fetchInventoryValueByPlant } from "../kpi/inventory-value-by-plant";
import { fetchMonthlyRevenue } from "../kpi/monthly-revenue";
import { fetchPlantInventory } from "../kpi/plant-inventory";
import { fetchRevenueByModel } from "../kpi/revenue-by-model";
import { SALES_TABLES, sectionLoader } from "./load";

// The reference dashboards' loaders: one query per KPI, scope, filters and request.
export const loadMonthlyRevenue = sectionLoader("monthly revenue", fetchMonthlyRevenue, { readsFrom: SALES_TABLES });
export const loadInventoryValueByPlant = sectionLoader("inventory value by plant", fetchInventoryValueByPlant);
export const loadRevenueByModel = sectionLoader("revenue by model", fetchRevenueByModel, { readsFrom: SALES_TABLES });

const plantInventory = sectionLoader("plant inventory", fetchPlantInventory);
export const loadPlantInventory = (plantId: number, scope: Parameters<typeof plantInventory>[0]) => plantInventory(scope, plantId);
