import path from "node:path";
import { expect as baseExpect, type Page, test } from "@playwright/test";
import { readKpiTable, signIn } from "./helpers";
import { readState } from "./state";

// The filter bar (URL state, Back, keyboard), invalid links, and the sales team's
// drill-down from revenue by model to a model's breakdowns and its orders. The
// figures are compared with SQL run on the same database at setup
// (e2e/filter-expectations.ts).

const SCREENSHOTS = process.env.E2E_SCREENSHOTS === "1" ? path.join(import.meta.dirname, "..", "docs", "screenshots") : null;

// Plotly's bundle is large, and every filter change is a navigation: on a busy
// machine both take a while, so this spec waits longer than the default.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 60_000 });

const filterBar = (page: Page) => page.getByRole("search", { name: "Filters" });

/** Opens a multiple-choice filter and (un)checks one value, as a mouse user would. */
async function choose(page: Page, filter: string, value: string) {
  const details = filterBar(page).locator(`details[data-filter="${filter}"]`);
  await details.locator("summary").click();
  await details.getByRole("checkbox", { name: value, exact: true }).click();
  await details.locator("summary").click(); // close it again
}

async function statUnits(page: Page) {
  return Number((await page.getByTestId("stat-units").locator("div").nth(1).innerText()).replace(/,/g, ""));
}

test.describe("filters and drill-down (sales)", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "sales@volta.example");
  });

  test("from revenue by model to a model, its breakdown by trim, and an order of that trim", async ({ page }) => {
    const x = readState().expected.filters;
    await page.goto("/models");
    await page.locator('table[data-kpi="revenue-by-model"]').getByRole("link", { name: x.model, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/models/${x.model}$`));
    await expect(page.getByRole("heading", { level: 1, name: x.model })).toBeVisible();

    // Filter through the bar: the URL says so, the figures are the SQL's.
    await choose(page, "channel", "Online");
    await expect(page).toHaveURL(new RegExp(`/models/${x.model}\\?channel=online$`));
    await expect(page.getByTestId("stat-units")).toContainText(x.online.units.toLocaleString("en-US"));
    const byTrim = await readKpiTable(page, "model-by-trim");
    expect(byTrim.map(({ label, units_sold, total_revenue, vs_msrp }) => ({ label, units_sold, total_revenue, vs_msrp }))).toEqual(x.online.byTrim);
    await expect(page.locator(".js-plotly-plot svg.main-svg").first()).toBeVisible();
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, "model-drilldown.png"), fullPage: true });

    // The trim's row opens its orders, the filters kept.
    await page.getByTestId("breakdown-trim").getByRole("link", { name: x.trim, exact: true }).click();
    await expect(page).toHaveURL(/\/orders\?/);
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/models/${x.model}/orders`);
    expect(url.searchParams.get("channel")).toBe("online");
    expect(url.searchParams.get("trim")).toBe(x.trim);
    await expect(page.getByTestId("orders-card")).toContainText(`${x.trimOrders.toLocaleString("en-US")} orders`);
    const rows = await readKpiTable(page, "model-orders");
    expect(rows.length).toBe(Math.min(50, x.trimOrders));
    for (const row of rows) {
      // Each VIN is an order of this model and trim, sold online; price vs MSRP adds up exactly.
      expect(x.vins[row.vin!], row.vin).toEqual([x.model, x.trim, "online"]);
      const cents = (s: string) => BigInt(s.replace(".", ""));
      expect(cents(row.sale_price!) - cents(row.msrp!)).toBe(cents(row.price_vs_msrp!));
    }

    // Sorted by price, highest first: the SQL's order, page after page (keyset), and back.
    await page.getByRole("link", { name: "Price", exact: true }).click();
    await expect(page).toHaveURL(/sort=price/);
    await expect(page.locator("th[aria-sort=descending]")).toContainText("Price");
    const first = await readKpiTable(page, "model-orders");
    expect(first.map((r) => r.vin)).toEqual(x.trimByPrice.slice(0, 50));
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, "model-orders.png") });
    if (x.trimOrders > 50) {
      await page.getByRole("link", { name: "Next →" }).click();
      await expect(page).toHaveURL(/after=/);
      const second = await readKpiTable(page, "model-orders");
      expect(second.map((r) => r.vin)).toEqual(x.trimByPrice.slice(50, 100));
      await page.getByRole("link", { name: "← Previous" }).click();
      await expect(page).toHaveURL(/before=/);
      expect((await readKpiTable(page, "model-orders")).map((r) => r.vin)).toEqual(x.trimByPrice.slice(0, 50));
    }

    // Breadcrumbs lead back up, filters kept.
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: x.model }).click();
    await expect(page).toHaveURL(new RegExp(`/models/${x.model}\\?channel=online$`));
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Models" }).click();
    await expect(page).toHaveURL(/\/models\?channel=online$/);
  });

  test("a click on a chart drills down: a slice to its model, a bar to its orders", async ({ page }) => {
    const x = readState().expected.filters;
    await page.goto("/models");
    await expect(page.locator(".js-plotly-plot svg.main-svg").first()).toBeVisible({ timeout: 120_000 });
    const slices = page.locator('[data-testid="chart-card"] g.slice');
    await expect(slices.first()).toBeVisible();
    const names = await page.locator('table[data-kpi="revenue-by-model"] tbody th').allInnerTexts();
    // The smallest slice (the last model: revenue order, unsorted pie) is thin: the centre of its box lies inside it.
    // The slice's own shape, not its group (whose box takes in a label drawn outside).
    const boxes = await slices.locator("path.surface").evaluateAll((gs) => gs.map((g) => g.getBoundingClientRect()).map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height })));
    const smallest = boxes.reduce((best, b, i) => (b.w * b.h < boxes[best]!.w * boxes[best]!.h ? i : best), 0);
    expect(smallest).toBe(names.length - 1);
    const slice = boxes[smallest]!;
    await page.mouse.click(slice.x + slice.w / 2, slice.y + slice.h / 2);
    await expect(page).toHaveURL(new RegExp(`/models/${encodeURIComponent(names[names.length - 1]!)}$`));

    await page.goto(`/models/${x.model}`);
    const chart = page.getByTestId("breakdown-trim").locator(".js-plotly-plot");
    await expect(chart.locator("g.point path").first()).toBeVisible();
    const box = (await chart.locator("g.point path").first().boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page).toHaveURL(/\/orders\?trim=/);
    await expect(page.locator('table[data-kpi="model-orders"]')).toBeVisible();
  });

  test("Back restores the previous filters and their figures", async ({ page }) => {
    const x = readState().expected.filters;
    await page.goto(`/models/${x.model}`);
    await choose(page, "channel", "Online");
    await expect(page).toHaveURL(/\?channel=online$/);
    await expect(page.getByTestId("stat-units")).toContainText(x.online.units.toLocaleString("en-US"));
    await choose(page, "region", x.region);
    await expect(page).toHaveURL(new RegExp(`\\?region=${x.region.replace(/ /g, "\\+")}&channel=online$`));
    await expect(page.getByTestId("stat-units")).toContainText(x.onlineInRegion.units.toLocaleString("en-US"));
    expect(await statUnits(page)).toBeLessThan(x.online.units);

    await page.goBack();
    await expect(page).toHaveURL(/\?channel=online$/);
    await expect(page.getByTestId("stat-units")).toContainText(x.online.units.toLocaleString("en-US"));
    await expect(filterBar(page).locator('details[data-filter="region"] summary')).toHaveAttribute("aria-label", "Region: All");
    await expect(filterBar(page).locator('details[data-filter="channel"] summary')).toHaveAttribute("aria-label", "Channel: Online");
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/models/${x.model}$`));
    await expect(filterBar(page).locator('details[data-filter="channel"] summary')).toHaveAttribute("aria-label", "Channel: All");
  });

  test("the filter bar works from the keyboard alone", async ({ page }) => {
    const x = readState().expected.filters;
    await page.goto(`/models/${x.model}`);
    await expect(filterBar(page)).toBeVisible();
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName.toLowerCase()}${el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : ""}${el.closest("details") ? `@${el.closest("details")!.getAttribute("data-filter")}` : ""}` : "";
    });
    async function tabTo(target: string) {
      for (let i = 0; i < 40; i++) {
        if ((await focused()) === target) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`Tab never reached ${target}; stopped at ${await focused()}`);
    }
    // The date range: two steps up from "All time" is "Last 365 days".
    await tabTo("select[name=range]");
    await page.keyboard.press("ArrowUp");
    await expect(page).toHaveURL(/\?range=ytd$/);
    await page.keyboard.press("ArrowUp");
    await expect(page).toHaveURL(/\?range=365d$/);
    // A channel: open the disclosure with Enter, tick with Space, close with Escape.
    await tabTo("summary@channel");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("input[name=channel]@channel");
    await page.keyboard.press("Space");
    await expect(page).toHaveURL(/\?range=365d&channel=online$/);
    await page.keyboard.press("Escape");
    expect(await focused()).toBe("summary@channel");
    await expect(filterBar(page).locator('details[data-filter="channel"]')).not.toHaveAttribute("open", "");
    await expect(page.getByRole("heading", { level: 2, name: "By trim" })).toBeVisible();
  });

  test("invalid filters in a link: each bad parameter named, no figures, a way out", async ({ page }) => {
    await page.goto("/models?range=forever&plant=abc&from=2025-02-30&channel=phone&model=%00");
    const alert = page.getByTestId("filter-errors");
    await expect(alert).toBeVisible();
    for (const param of ["range", "plant", "from", "channel", "model"]) await expect(alert.locator(`li[data-param="${param}"]`)).toBeVisible();
    await expect(alert).toContainText('"abc" must be a plant number');
    await expect(page.locator("table[data-kpi]")).toHaveCount(0);
    await expect(page.getByTestId("chart-card")).toHaveCount(0);
    await alert.getByRole("link", { name: "Clear the filters" }).click();
    await expect(page).toHaveURL(/\/models$/);
    await expect(page.locator('table[data-kpi="revenue-by-model"]')).toBeVisible();

    await page.goto("/models?range=custom&from=2025-03-01&to=2025-02-01");
    await expect(page.getByTestId("filter-errors")).toContainText("2025-02-01 is before the start date 2025-03-01");
  });

  test("a plain form submission lands on the same URL the filter bar builds", async ({ page }) => {
    const x = readState().expected.filters;
    const response = await page.request.get(`/models/${x.model}?range=all&from=&to=&plant=3&plant=1&model=&region=&channel=online`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toBe(`/models/${x.model}?plant=1&plant=3&channel=online`);
  });

  test("malformed model names and page cursors get clear answers, never a 500", async ({ page }) => {
    const x = readState().expected.filters;
    for (const bad of ["Nope", "%00", encodeURIComponent("x".repeat(200)), encodeURIComponent("' OR 1=1--")]) {
      const response = await page.goto(`/models/${bad}`);
      expect(response?.status(), bad).toBe(404);
      await expect(page.getByTestId("model-not-found")).toBeVisible();
    }
    expect((await page.goto(`/models/Nope/orders`))?.status()).toBe(404);
    for (const [query, param] of [
      ["after=garbage", "after"],
      ["sort=price&after=2025-01-01_5", "after"],
      ["sort=vin", "sort"],
      ["month=2025-13", "month"],
      ["after=2025-01-01_1&before=2025-01-01_2", "before"],
    ] as const) {
      const response = await page.goto(`/models/${x.model}/orders?${query}`);
      expect(response?.status(), query).toBe(200);
      const alert = page.getByTestId("filter-errors");
      await expect(alert, query).toContainText("This order list link is not valid");
      await expect(alert.locator(`li[data-param="${param}"]`), query).toBeVisible();
      await expect(page.locator('table[data-kpi="model-orders"]')).toHaveCount(0);
    }
  });
});

test("an executive sees a model's breakdown without order lists; plant rows narrow the page", async ({ page }) => {
  const x = readState().expected.filters;
  await signIn(page, "exec@volta.example");
  await page.goto(`/models/${x.model}`);
  // No drill links into order lists (the card's CSV download is its only link).
  await expect(page.getByTestId("breakdown-trim").locator('a[href*="/orders"]')).toHaveCount(0);
  await expect(page.getByTestId("breakdown-trim").getByRole("link")).toHaveText(["Download CSV"]);
  const plantLink = page.getByTestId("breakdown-plant").getByRole("link").filter({ hasNotText: "Download CSV" }).first();
  const name = await plantLink.innerText();
  await plantLink.click();
  await expect(page).toHaveURL(new RegExp(`/models/${x.model}\\?plant=\\d+$`));
  await expect(filterBar(page).locator('details[data-filter="plant"] summary')).toHaveAttribute("aria-label", `Plant: ${name}`);
  expect(await readKpiTable(page, "model-by-plant")).toHaveLength(1);
  expect((await page.goto(`/models/${x.model}/orders`))?.status()).toBe(403);
});

test("a section keeps its content when a filter it does not apply changes, and reloads when one it applies does", async ({ page }) => {
  await signIn(page, "exec@volta.example");
  await page.goto("/inventory");
  const table = page.locator('table[data-kpi="inventory-value-by-plant"]');
  await expect(table).toBeVisible();
  await table.evaluate((el) => el.setAttribute("data-marker", "before"));
  await choose(page, "channel", "Fleet");
  await expect(page).toHaveURL(/\/inventory\?channel=fleet$/);
  // The page-level note (each plant section below carries its own).
  await expect(page.getByTestId("unapplied-filters").first()).toContainText("Not filtered by channel");
  await expect(table).toHaveAttribute("data-marker", "before"); // the same element: not re-rendered
  await choose(page, "plant", "Volta Reno");
  await expect(page).toHaveURL(/\/inventory\?plant=1&channel=fleet$/);
  await expect(page.locator('table[data-kpi="inventory-value-by-plant"]')).toBeVisible();
  await expect(page.locator('table[data-kpi="inventory-value-by-plant"][data-marker]')).toHaveCount(0); // a new section
  // The plant's page keeps the filters for the way back.
  await page.getByRole("link", { name: "Volta Reno" }).first().click();
  await expect(page).toHaveURL(/\/inventory\/1\?plant=1&channel=fleet$/);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Inventory" }).click();
  await expect(page).toHaveURL(/\/inventory\?plant=1&channel=fleet$/);
});
