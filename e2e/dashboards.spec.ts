import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ROLE_LABELS } from "../lib/auth/roles";
import { expectChartRendered, readKpiTable, ROLE_USERS, signIn } from "./helpers";
import { readState } from "./state";

const SCREENSHOTS = process.env.E2E_SCREENSHOTS === "1" ? path.join(import.meta.dirname, "..", "docs", "screenshots") : null;

const byKey = <T extends Record<string, string | undefined>>(rows: T[], key: keyof T) =>
  Object.fromEntries(rows.map((r) => [r[key], r]));

for (const user of ROLE_USERS) {
  test.describe(`${ROLE_LABELS[user.role]} (${user.email})`, () => {
    test.beforeEach(async ({ page }) => {
      await signIn(page, user.email);
      await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABELS[user.role]);
    });

    test("monthly revenue equals the reference SQL, month by month", async ({ page }) => {
      const { expected } = readState();
      await page.goto("/revenue");
      await expect(page.getByRole("heading", { level: 1, name: "Monthly revenue" })).toBeVisible();
      await expectChartRendered(page);
      const rows = await readKpiTable(page, "monthly-revenue");
      expect(rows).toHaveLength(expected.monthlyRevenue.length);
      expect(byKey(rows, "month_year")).toEqual(byKey(expected.monthlyRevenue, "month_year"));
      if (SCREENSHOTS && user.role === "executive") await shot(page, "revenue.png");
    });

    test("inventory value by plant equals the reference SQL", async ({ page }) => {
      const { expected } = readState();
      await page.goto("/inventory");
      await expectChartRendered(page);
      const rows = await readKpiTable(page, "inventory-value-by-plant");
      expect(rows.map(({ plant_name, total_inventory_value }) => ({ plant_name, total_inventory_value }))).toEqual(
        expected.inventoryValueByPlant,
      );
      if (SCREENSHOTS && user.role === "plant_manager") await shot(page, "inventory.png");
    });

    test("revenue by model equals the reference SQL in units and revenue", async ({ page }) => {
      const { expected } = readState();
      await page.goto("/models");
      await expectChartRendered(page);
      const rows = await readKpiTable(page, "revenue-by-model");
      const shown = rows.map(({ model_name, units_sold, total_revenue }) => ({ model_name, units_sold, total_revenue }));
      expect(byKey(shown, "model_name")).toEqual(byKey(expected.revenueByModel, "model_name"));
      if (SCREENSHOTS && user.role === "sales") await shot(page, "models.png");
    });
  });
}

async function shot(page: import("@playwright/test").Page, name: string) {
  fs.mkdirSync(SCREENSHOTS!, { recursive: true });
  await page.waitForTimeout(500); // let Plotly finish its transition
  await page.screenshot({ path: path.join(SCREENSHOTS!, name), fullPage: true });
}
