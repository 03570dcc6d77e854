import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { can, plantScopeOf, type Permission } from "../lib/access/policy";
import { ROLE_LABELS } from "../lib/auth/roles";
import { DASHBOARDS } from "../lib/nav";
import { expectChartRendered, readKpiTable, ROLE_USERS, signIn } from "./helpers";
import { readState } from "./state";

const SCREENSHOTS = process.env.E2E_SCREENSHOTS === "1" ? path.join(import.meta.dirname, "..", "docs", "screenshots") : null;

const byKey = <T extends Record<string, string | undefined>>(rows: T[], key: keyof T) =>
  Object.fromEntries(rows.map((r) => [r[key], r]));

const PLANT_NAMES: Record<number, string> = { 1: "Volta Reno", 2: "Volta Leipzig", 3: "Volta Ningbo", 4: "Volta Monterrey", 5: "Volta Chennai" };

for (const user of ROLE_USERS) {
  const actor = { role: user.role, plantIds: user.plants ?? [] };
  const may = (p: Permission) => can(actor, p);

  test.describe(`${ROLE_LABELS[user.role]} (${user.email})`, () => {
    test.beforeEach(async ({ page }) => {
      await signIn(page, user.email);
      await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABELS[user.role]);
    });

    test("the navigation lists exactly what the role may open", async ({ page }) => {
      const nav = page.getByRole("navigation", { name: "Dashboards" });
      const expected = ["Overview", ...DASHBOARDS.filter((d) => may(d.permission)).map((d) => d.label)];
      await expect(nav.getByRole("link")).toHaveText(expected);
    });

    test("monthly revenue: the reference SQL month by month, or the 403 page", async ({ page }) => {
      const { expected } = readState();
      const response = await page.goto("/revenue");
      if (!may("revenue:view")) return expectForbidden(page, response?.status());
      await expect(page.getByRole("heading", { level: 1, name: "Monthly revenue" })).toBeVisible();
      await expectChartRendered(page);
      const rows = await readKpiTable(page, "monthly-revenue");
      expect(rows).toHaveLength(expected.monthlyRevenue.length);
      expect(byKey(rows, "month_year")).toEqual(byKey(expected.monthlyRevenue, "month_year"));
      if (SCREENSHOTS) await shot(page, "revenue.png");
    });

    test("inventory value: the reference SQL for the plants in scope, or the 403 page", async ({ page }) => {
      const { expected } = readState();
      const response = await page.goto("/inventory");
      if (!may("inventory:view")) return expectForbidden(page, response?.status());
      await expectChartRendered(page);
      const rows = await readKpiTable(page, "inventory-value-by-plant");
      const scope = plantScopeOf(actor);
      const visible = expected.inventoryValueByPlant.filter(
        (r) => scope.kind === "all" || scope.plantIds.some((id) => PLANT_NAMES[id] === r.plant_name),
      );
      expect(visible.length).toBeGreaterThan(0);
      expect(rows.map(({ plant_name, total_inventory_value }) => ({ plant_name, total_inventory_value }))).toEqual(visible);
      if (SCREENSHOTS) await shot(page, user.role === "plant_manager" ? "inventory-plant-manager.png" : "inventory.png");
    });

    test("revenue by model: the reference SQL in units and revenue, or the 403 page", async ({ page }) => {
      const { expected } = readState();
      const response = await page.goto("/models");
      if (!may("models:view")) return expectForbidden(page, response?.status());
      await expectChartRendered(page);
      const rows = await readKpiTable(page, "revenue-by-model");
      const shown = rows.map(({ model_name, units_sold, total_revenue }) => ({ model_name, units_sold, total_revenue }));
      expect(byKey(shown, "model_name")).toEqual(byKey(expected.revenueByModel, "model_name"));
      if (SCREENSHOTS) await shot(page, "models.png");
    });
  });
}

test("a plant manager drills into their plant, and editing the URL to another plant shows nothing of it", async ({ page }) => {
  await signIn(page, "plant@volta.example");
  await page.goto("/inventory");
  // Let the page's sections finish first: on the embedded engine queries run one at
  // a time, and the plant page's would wait behind them.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
  await page.getByRole("link", { name: "Volta Reno" }).click();
  await expect(page).toHaveURL(/\/inventory\/1$/, { timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Volta Reno" })).toBeVisible();
  await expectChartRendered(page);
  const response = await page.goto("/inventory/2");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByText("Volta Leipzig")).toHaveCount(0);
  if (SCREENSHOTS) await shot(page, "forbidden.png");
});

test("a sales user opening the inventory page gets the 403 page", async ({ page }) => {
  await signIn(page, "sales@volta.example");
  await expect(page.getByTestId("current-user")).toBeVisible();
  const response = await page.goto("/inventory");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});

async function expectForbidden(page: Page, status: number | undefined) {
  expect(status).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
}

async function shot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS!, { recursive: true });
  await page.waitForTimeout(500); // let Plotly finish its transition
  await page.screenshot({ path: path.join(SCREENSHOTS!, name), fullPage: false });
}
