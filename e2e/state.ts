import fs from "node:fs";
import path from "node:path";
import type { FilterExpectations } from "./filter-expectations";
import type { RoleKpiExpected } from "./role-kpis-expected";
import type { PlantServiceExpected } from "./plant-service-fixture";

/** What global setup hands to the specs: where the server is, and the reference SQL results. */
export type E2eState = {
  serverPid: number;
  dispose: { kind: "postgres"; serverUrl: string; database: string } | { kind: "embedded"; dir: string };
  expected: {
    monthlyRevenue: Array<{ month_year: string; total_revenue: string }>;
    inventoryValueByPlant: Array<{ plant_name: string; total_inventory_value: string }>;
    revenueByModel: Array<{ model_name: string; units_sold: string; total_revenue: string }>;
    filters: FilterExpectations;
    /** The executive and sales pages (e2e/role-pages.spec.ts). */
    roleKpis: RoleKpiExpected;
    /** The plant-manager and service KPIs by hand-written SQL (e2e/plant-service-fixture.ts). */
    plantService: PlantServiceExpected;
  };
};

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DIR = path.join(import.meta.dirname, "..", "test-results", `e2e-${E2E_PORT}`);
export const STATE_FILE = path.join(E2E_DIR, "state.json");

export function readState(): E2eState {
  return JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2eState;
}

export function writeState(state: E2eState) {
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}
