import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { readKpiTable, signIn } from "./helpers";
import { readState } from "./state";

const SCREENSHOTS = process.env.E2E_SCREENSHOTS === "1" ? path.join(import.meta.dirname, "..", "docs", "screenshots") : null;

// The first chart of a fresh browser waits for the Plotly bundle (3.5 MB) to load and compile:
// on a busy machine that alone took over 30 s, so these tests get the slow budget.
test.beforeEach(() => test.slow());
const CHART = { timeout: 90_000 };

const pick = <T extends Record<string, unknown>>(rows: T[], keys: string[]) =>
  rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] === null || r[k] === undefined ? null : String(r[k])])));

test.describe("the plant manager's sections on /inventory", () => {
  test("trend, categories, parts to reorder, utilisation and supplier spend equal SQL for their plant only", async ({ page }) => {
    const { plant1 } = readState().expected.plantService;
    await signIn(page, "plant@volta.example");
    await page.goto("/inventory");

    // Trend: the last 12 months, each end-of-month value as the ledger rebuilds it.
    await expect(page.getByTestId("trend-card").locator(".js-plotly-plot svg.main-svg").first()).toBeVisible(CHART);
    await page.getByTestId("trend-card").getByText("Month by month").click();
    const trend = (await readKpiTable(page, "inventory-value-trend")).sort((a, b) => a.month_year!.localeCompare(b.month_year!));
    expect(plant1.trend.length).toBe(12);
    expect(pick(trend, ["month_year", "inventory_value", "movements"])).toEqual(plant1.trend);
    expect(new Set(plant1.trend.map((r) => r.inventory_value)).size).toBeGreaterThan(6); // the seeded history gives it a shape

    const byCategory = await readKpiTable(page, "inventory-by-category");
    expect(byCategory).toEqual(plant1.byCategory);

    const low = await readKpiTable(page, "parts-below-reorder");
    expect(low.length).toBeGreaterThan(0);
    expect(pick(low, ["part_number", "quantity", "reorder_point", "shortfall", "shortfall_value", "supplier_name", "supplier_rating"])).toEqual(
      pick(plant1.belowReorder, ["part_number", "quantity", "reorder_point", "shortfall", "shortfall_value", "supplier_name", "supplier_rating"]),
    );
    await expect(page.getByTestId("below-reorder-card").locator("th", { hasText: "Plant" })).toHaveCount(0);

    const utilisation = await readKpiTable(page, "plant-utilisation-summary");
    expect(utilisation).toHaveLength(1);
    expect(utilisation[0]).toMatchObject({ plant_name: "Volta Reno", units_built: plant1.utilisation.units_built, capacity: plant1.utilisation.capacity });
    await expect(page.getByTestId("utilisation-card")).toContainText(`${plant1.utilisation.first_day} to ${plant1.utilisation.last_day}`);

    const suppliers = await readKpiTable(page, "supplier-quality-spend");
    expect(pick(suppliers, ["supplier_name", "quality_rating", "stock_value", "quality_weighted_value"])).toEqual(plant1.supplierSpend);

    // No other plant anywhere in these sections.
    for (const other of ["Volta Leipzig", "Volta Ningbo", "Volta Monterrey", "Volta Chennai"]) await expect(page.getByText(other)).toHaveCount(0);
    if (SCREENSHOTS) {
      await page.getByTestId("trend-card").getByText("Month by month").click(); // fold the month table away again
      await shot(page, "plant-manager.png");
    }
  });

  test("filters in the URL narrow the sections, and invalid ones get a clear message", async ({ page }) => {
    await signIn(page, "plant@volta.example");
    // A plant outside the scope narrows to nothing, never to that plant.
    await page.goto("/inventory?plant=2");
    await expect(page.getByTestId("below-reorder-card").getByTestId("empty-state")).toBeVisible();
    await expect(page.getByTestId("category-card").getByTestId("empty-state")).toBeVisible();
    // A date range applies to the trend's months; stock sections say it does not apply to them.
    await page.goto("/inventory?range=custom&from=2026-01-01&to=2026-03-31");
    await expect(page.getByTestId("trend-card").locator(".js-plotly-plot svg.main-svg").first()).toBeVisible(CHART);
    await page.getByTestId("trend-card").getByText("Month by month").click();
    const months = (await readKpiTable(page, "inventory-value-trend")).map((r) => r.month_year).sort();
    expect(months).toEqual(["2026-01", "2026-02", "2026-03"]);
    await expect(page.getByTestId("category-card").getByTestId("unapplied-filters")).toContainText("date range");
    // Nonsense is refused with what was wrong.
    const response = await page.goto("/inventory?range=custom&from=2026-02-30&plant=abc");
    expect(response?.status()).toBe(200);
    const alert = page.getByTestId("filter-errors");
    await expect(alert).toContainText("from");
    await expect(alert).toContainText("is not a calendar date");
    await expect(alert).toContainText('"abc" must be a plant number');
  });
});

test.describe("the service page", () => {
  test("a plant manager sees the vehicles built in their plant, as SQL counts them", async ({ page }) => {
    const { plant1 } = readState().expected.plantService;
    await signIn(page, "plant@volta.example");
    const response = await page.goto("/service");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Service and warranty" })).toBeVisible();
    await expect(page.locator(".js-plotly-plot svg.main-svg").first()).toBeVisible(CHART);
    const byModel = await readKpiTable(page, "service-by-model");
    expect(pick(byModel, ["model_name", "vehicles", "visits", "visits_per_1000", "warranty_visits", "warranty_cost"])).toEqual(plant1.serviceByModel);
    const repeat = await readKpiTable(page, "repeat-repair-rate");
    expect(pick(repeat, ["model_name", "repaired_vehicles", "repeat_vehicles"])).toEqual(plant1.repeatRepair);
    const vehicles = plant1.serviceByModel.reduce((n, r) => n + Number(r.vehicles), 0);
    await expect(page.getByTestId("stat-vehicles")).toContainText(vehicles.toLocaleString("en-US"));
    await expect(page.getByTestId("service-age-card").locator(".js-plotly-plot svg.main-svg").first()).toBeVisible(CHART);
    if (SCREENSHOTS) await shot(page, "service.png");
  });

  test("an executive sees every vehicle; the date filter applies to the service date", async ({ page }) => {
    const { all } = readState().expected.plantService;
    await signIn(page, "exec@volta.example");
    await page.goto("/service");
    const byModel = await readKpiTable(page, "service-by-model");
    expect(pick(byModel, ["model_name", "vehicles", "visits", "visits_per_1000", "warranty_visits", "warranty_cost"])).toEqual(all.serviceByModel);
    const repeat = await readKpiTable(page, "repeat-repair-rate");
    expect(pick(repeat, ["model_name", "repaired_vehicles", "repeat_vehicles"])).toEqual(all.repeatRepair);
    // A year of service dates: fewer visits than all time, for every model.
    await page.goto("/service?range=custom&from=2025-01-01&to=2025-12-31");
    const year = await readKpiTable(page, "service-by-model");
    for (const row of year) {
      const whole = all.serviceByModel.find((r) => r.model_name === row.model_name)!;
      expect(Number(row.visits)).toBeLessThan(Number(whole.visits));
    }
  });

  test("sales and admin users get the 403 page", async ({ page }) => {
    for (const email of ["sales@volta.example", "admin@volta.example"]) {
      await signIn(page, email);
      const response = await page.goto("/service");
      expect(response?.status(), email).toBe(403);
      await expect(page.getByTestId("forbidden")).toBeVisible();
      await page.context().clearCookies();
    }
  });
});

async function shot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS!, { recursive: true });
  // The whole page in one viewport, so that the sticky navigation stays at the top of the picture.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1360, height });
  await page.mouse.move(0, 0); // no hover toolbar on a chart
  await page.waitForTimeout(1500); // let Plotly resize and finish its transitions
  await page.screenshot({ path: path.join(SCREENSHOTS!, name) });
}

test("every plant's reorder list shows the largest 100 shortfalls in the page; its CSV holds them all", async ({ page }) => {
  await signIn(page, "exec@volta.example");
  await page.goto("/inventory");
  const shown = await readKpiTable(page, "parts-below-reorder");
  const link = page.getByTestId("below-reorder-card").getByRole("link", { name: "Download CSV" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const [header, ...lines] = fs.readFileSync(await download.path(), "utf8").trimEnd().split("\n");
  const partColumn = header!.split(",").indexOf("part_number");
  const all = lines.map((line) => line.split(",")[partColumn]);
  // The demo data has hundreds of parts below their reorder point across the plants.
  expect(all.length).toBeGreaterThan(100);
  expect(shown).toHaveLength(100);
  expect(shown.map((r) => r.part_number)).toEqual(all.slice(0, 100));
  await expect(page.getByTestId("below-reorder-more")).toContainText(`100 largest shortfalls of ${all.length.toLocaleString("en-US")} parts`);
});
