import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectChartRendered, readKpiTable, signIn } from "./helpers";
import { EXECUTIVE_URL, SALES_FILTERED_URL, SALES_URL, type Rows } from "./role-kpis-expected";
import { readState } from "./state";

// The executive overview and the sales page against hand-written SQL run on the same
// database at setup (e2e/role-kpis-expected.ts), figure by figure, to the cent.

// Pages of several charts and long tables: more time than the default on a busy machine.
test.setTimeout(120_000);

const SCREENSHOTS = process.env.E2E_SCREENSHOTS === "1" ? path.join(import.meta.dirname, "..", "docs", "screenshots") : null;

/** Rows compared as sets: the pages list months newest first, SQL in any order. */
const sorted = (rows: Rows, keys: string[]) =>
  rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? ""]))).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The rows of the latest `n` months: what the sales page's month-by-month tables list. */
function latestMonths(rows: Rows, n: number): Rows {
  const months = new Set([...new Set(rows.map((r) => String(r.month_year)))].sort().slice(-n));
  return rows.filter((r) => months.has(String(r.month_year)));
}

async function expectTable(page: Page, kpi: string, expected: Rows, keys: string[]) {
  const shown = await readKpiTable(page, kpi);
  expect(expected.length, `${kpi}: the reference has rows`).toBeGreaterThan(0);
  expect(sorted(shown, keys), kpi).toEqual(sorted(expected, keys));
}

test("the executive overview: revenue to date vs last year, built vs sold, prices, regions and channels equal SQL, filters applied", async ({ page }) => {
  const { executive: x, asOf } = readState().expected.roleKpis;
  await signIn(page, "exec@volta.example");
  const response = await page.goto(EXECUTIVE_URL);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Executive overview" })).toBeVisible();
  const revenue = Object.fromEntries(x.toDate.map((r) => [r.k, r.revenue]));
  for (const [id, current, previous] of [["stat-month-to-date", "mtd", "lmtd"], ["stat-year-to-date", "ytd", "lytd"]] as const) {
    const card = page.getByTestId(id);
    await expect(card.locator("[data-value]")).toHaveAttribute("data-value", revenue[current]!);
    await expect(card.locator("[data-previous]")).toHaveAttribute("data-previous", revenue[previous]!);
  }
  await expect(page.getByTestId("stat-year-to-date")).toContainText(asOf.slice(0, 4));
  await expect(page.getByTestId("stat-asp")).toContainText(
    new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(x.priceTotal.average_selling_price as unknown as number),
  );
  await expect(page.getByTestId("stat-discount")).toContainText(`${x.priceTotal.discount_percent}%`);
  await expectTable(page, "units-built-vs-sold", x.builtVsSold, ["month_year", "units_built", "units_sold"]);
  await expect(page.getByTestId("built-vs-sold")).toContainText("region filter applies to units sold only");
  await expectTable(page, "revenue-by-region", x.regions, ["region", "orders", "total_revenue", "revenue_share_percent"]);
  await expectTable(page, "revenue-by-channel", x.channels, ["channel", "orders", "total_revenue", "revenue_share_percent"]);
  await expectTable(page, "selling-price-and-discount", x.priceMonths, ["month_year", "orders", "average_selling_price", "discount_percent"]);
  await expect(page.locator(".js-plotly-plot svg.main-svg").first()).toBeVisible();
  await expect(page.locator(".js-plotly-plot")).toHaveCount(4);
  if (SCREENSHOTS) await shot(page, "executive.png");
});

test("the sales page: model share, channel mix and fleet vs retail equal SQL, unfiltered and filtered", async ({ page }) => {
  const { sales } = readState().expected.roleKpis;
  await signIn(page, "sales@volta.example");
  const response = await page.goto(SALES_URL);
  expect(response?.status()).toBe(200);
  // The tables list the latest 24 months (the demo data has more); the CSV holds every row.
  const allMonths = new Set(sales.modelShare.map((r) => String(r.month_year))).size;
  expect(allMonths).toBeGreaterThan(24);
  await expectTable(page, "model-share-by-month", latestMonths(sales.modelShare, 24), ["month_year", "model_name", "units_sold", "total_revenue", "share_percent"]);
  await expectTable(page, "channel-mix-by-month", latestMonths(sales.channelMix, 24), ["month_year", "channel", "orders", "total_revenue", "order_share_percent"]);
  await expect(page.getByTestId("model-share-more")).toContainText(`latest 24 of ${allMonths} months`);
  const link = page.getByTestId("model-share").getByRole("link", { name: "Download CSV" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const csvRows = fs.readFileSync(await download.path(), "utf8").trimEnd().split("\n").length - 1;
  expect(csvRows).toBe(sales.modelShare.length);
  const segmentKeys = ["segment", "orders", "total_revenue", "average_selling_price", "discount_percent", "revenue_share_percent"];
  await expectTable(page, "fleet-vs-retail", sales.fleetVsRetail, segmentKeys);
  await expectChartRendered(page);
  await expect(page.locator(".js-plotly-plot")).toHaveCount(3);
  if (SCREENSHOTS) await shot(page, "sales.png");
  // The share button restacks the model chart as percentages of each month.
  await page.getByTestId("model-share").locator(".updatemenu-button").filter({ hasText: "Share %" }).click();
  await expect(page.getByTestId("model-share").locator(".ytitle")).toHaveText("Share of the month's revenue (%)");

  await page.goto(SALES_FILTERED_URL);
  await expectTable(page, "fleet-vs-retail", sales.fleetVsRetailFiltered, segmentKeys);
  const channels = (await readKpiTable(page, "channel-mix-by-month")).map((r) => r.channel);
  expect(new Set(channels)).toEqual(new Set(["fleet", "online"]));
});

test("invalid filters in the address get a message naming each parameter, and no figures", async ({ page }) => {
  await signIn(page, "exec@volta.example");
  for (const url of ["/executive?range=custom&from=2026-02-30&channel=boat", "/sales?range=custom&from=2026-02-30&channel=boat"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    const alert = page.getByTestId("filter-errors");
    await expect(alert).toContainText('from "2026-02-30" is not a calendar date');
    await expect(alert).toContainText('channel "boat" must be one of online, dealer, fleet');
    await expect(page.locator("table[data-kpi]")).toHaveCount(0);
  }
});

test("filters that match nothing show empty states, not errors", async ({ page }) => {
  await signIn(page, "sales@volta.example");
  await page.goto("/sales?model=No+Such+Model");
  await expect(page.getByTestId("empty-state")).toHaveCount(3);
  await expect(page.getByTestId("section-error")).toHaveCount(0);
});

async function shot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS!, { recursive: true });
  await page.waitForTimeout(800); // let Plotly finish drawing
  await page.screenshot({ path: path.join(SCREENSHOTS!, name), fullPage: true });
}
