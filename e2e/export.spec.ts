import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { BREAKDOWN_EXPORT_COLUMNS } from "../lib/kpi/model-breakdown";
import { MODEL_ORDER_COLUMNS } from "../lib/kpi/model-orders";
import { parseCsv as parseRfc4180 } from "../lib/ops/import/csv";
import { readKpiTable, signIn } from "./helpers";
import { readState } from "./state";

// A CSV download is the table the user sees: same query, same filters, same scope.

function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trimEnd().split("\n");
  const columns = header!.split(",");
  // The monthly revenue columns never need quoting (YYYY-MM, decimal amounts).
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [columns[i]!, value])));
}

test("the monthly revenue CSV of a filtered page equals its table", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "exec@volta.example");
  await page.goto("/revenue?range=custom&from=2024-01-01&to=2024-12-31&channel=online");
  const table = await readKpiTable(page, "monthly-revenue");
  expect(table.length).toBe(12); // every month of 2024 had online sales in the demo data

  const link = page.getByRole("link", { name: "Download CSV" });
  await expect(link).toHaveAttribute("href", /channel=online/);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const csv = parseCsv(fs.readFileSync(await download.path(), "utf8"));

  const byMonth = (rows: Array<Record<string, string>>) =>
    Object.fromEntries(rows.map((r) => [r.month_year, r.total_revenue]));
  expect(byMonth(csv)).toEqual(byMonth(table));
  expect(Object.keys(byMonth(csv)).every((m) => m.startsWith("2024-"))).toBe(true);
});

test("an export with invalid filters is refused with the reason", async ({ page }) => {
  await signIn(page, "exec@volta.example");
  const response = await page.request.get("/api/export/monthly-revenue?range=custom&from=2024-02-30");
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.problems).toEqual([{ param: "from", message: expect.stringContaining("not a calendar date") }]);
});

/** A downloaded CSV through the project's own RFC 4180 parser: rows as { column: value }. */
function readCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const { records, problems } = parseRfc4180(text);
  expect(problems).toEqual([]);
  const [header, ...rest] = records.map((r) => r.fields);
  return { header: header!, rows: rest.map((fields) => Object.fromEntries(fields.map((v, i) => [header![i]!, v]))) };
}

test("a model's order list CSV holds every order of the filtered, sorted list, the table's first", async ({ page }) => {
  test.setTimeout(180_000);
  const x = readState().expected.filters;
  await signIn(page, "sales@volta.example");
  const query = "range=custom&from=2022-01-01&to=2025-12-31&channel=dealer&channel=online&sort=price&dir=asc";
  await page.goto(`/models/${encodeURIComponent(x.model)}/orders?${query}`);
  const card = page.getByTestId("orders-card");
  const table = await readKpiTable(page, "model-orders");
  expect(table.length).toBe(50); // a full first page: the model sells well
  const shown = Number((await card.locator("p").first().innerText()).match(/^([\d,]+) orders/)![1]!.replace(/,/g, ""));
  expect(shown).toBeGreaterThan(50);

  // The link carries exactly the page's filters and selection.
  const link = card.getByRole("link", { name: "Download CSV" });
  const href = new URL((await link.getAttribute("href"))!, page.url());
  expect(href.pathname).toBe(`/api/export/models/${encodeURIComponent(x.model)}/orders`);
  const sorted = (p: URLSearchParams) => [...p].sort(([a, b], [c, d]) => (a + b < c + d ? -1 : 1));
  expect(sorted(href.searchParams)).toEqual(sorted(new URL(page.url()).searchParams));

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/-orders-\d{4}-\d{2}-\d{2}\.csv$/);
  const { header, rows } = readCsv(fs.readFileSync(await download.path(), "utf8"));
  expect(header).toEqual([...MODEL_ORDER_COLUMNS]);
  expect(rows.length).toBe(shown);
  // The first rows are the table's, cell for cell.
  expect(rows.slice(0, table.length).map(({ order_id: _, ...rest }) => rest)).toEqual(table);
  // Every row is within the filters, in the list's order (price ascending, then order id).
  const cents = (s: string) => BigInt(s.replace(".", ""));
  for (const [i, r] of rows.entries()) {
    expect(["dealer", "online"]).toContain(r.channel);
    expect(r.sale_date! >= "2022-01-01" && r.sale_date! <= "2025-12-31", r.sale_date).toBe(true);
    expect(cents(r.sale_price!) - cents(r.msrp!)).toBe(cents(r.price_vs_msrp!));
    if (i > 0) {
      const prev = rows[i - 1]!;
      const d = cents(r.sale_price!) - cents(prev.sale_price!);
      expect(d > 0n || (d === 0n && BigInt(r.order_id!) > BigInt(prev.order_id!)), `row ${i}`).toBe(true);
    }
  }
  expect(new Set(rows.map((r) => r.order_id)).size).toBe(rows.length);

  // Audited: who, what, how many rows, with which filters and selection, in which scope.
  await page.context().clearCookies();
  await signIn(page, "admin@volta.example");
  await page.goto("/admin/audit?action=data.export");
  const entry = page.locator('tr[data-action="data.export"]', { hasText: "model-orders" }).first();
  await expect(entry).toContainText("sales@volta.example");
  await expect(entry).toContainText(`"rows":${shown}`);
  await expect(entry).toContainText(`"model":"${x.model}"`);
});

test("a trim's order list CSV: the trim's orders online, as counted at setup; the breakdown card's CSV is its table", async ({ page }) => {
  test.setTimeout(180_000);
  const x = readState().expected.filters;
  await signIn(page, "sales@volta.example");
  await page.goto(`/models/${encodeURIComponent(x.model)}/orders?channel=online&trim=${encodeURIComponent(x.trim)}&sort=price`);
  const link = page.getByTestId("orders-card").getByRole("link", { name: "Download CSV" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const { rows } = readCsv(fs.readFileSync(await download.path(), "utf8"));
  expect(rows.map((r) => r.vin)).toEqual(x.trimByPrice);
  expect(rows.every((r) => r.trim === x.trim && r.channel === "online")).toBe(true);

  await page.goto(`/models/${encodeURIComponent(x.model)}?channel=online`);
  const byTrim = await readKpiTable(page, "model-by-trim");
  const trimLink = page.getByTestId("breakdown-trim").getByRole("link", { name: "Download CSV" });
  await expect(trimLink).toHaveAttribute("href", `/api/export/models/${encodeURIComponent(x.model)}/breakdown/trim?channel=online`);
  const [trimCsv] = await Promise.all([page.waitForEvent("download"), trimLink.click()]);
  const parsed = readCsv(fs.readFileSync(await trimCsv.path(), "utf8"));
  expect(parsed.header).toEqual([...BREAKDOWN_EXPORT_COLUMNS.trim]);
  expect(parsed.rows.map(({ trim, units_sold, total_revenue, vs_msrp }) => ({ label: trim, units_sold, total_revenue, vs_msrp }))).toEqual(
    byTrim.map(({ label, units_sold, total_revenue, vs_msrp }) => ({ label, units_sold, total_revenue, vs_msrp })),
  );
  expect(parsed.rows.map(({ trim, units_sold, total_revenue, vs_msrp }) => ({ label: trim, units_sold, total_revenue, vs_msrp }))).toEqual(x.online.byTrim);
  for (const dimension of ["plant", "region", "month"]) {
    await expect(page.getByTestId(`breakdown-${dimension}`).getByRole("link", { name: "Download CSV" })).toHaveAttribute(
      "href",
      `/api/export/models/${encodeURIComponent(x.model)}/breakdown/${dimension}?channel=online`,
    );
  }
});

test("a plant manager cannot export orders or model breakdowns, of another plant or their own", async ({ page }) => {
  const x = readState().expected.filters;
  await signIn(page, "plant@volta.example");
  const base = `/api/export/models/${encodeURIComponent(x.model)}`;
  for (const url of [`${base}/orders?plant=2`, `${base}/orders?plant=1`, `${base}/orders`, `${base}/breakdown/plant?plant=2`, `${base}/breakdown/trim`]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(403);
    expect(response.headers()["content-type"], url).not.toContain("text/csv");
  }
});

test("CSV links on the revenue-to-date figures, the plant utilisation chart and a plant's stock tables, with their filters", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "exec@volta.example");
  await page.goto("/executive?region=Europe");
  const toDate = page.getByTestId("revenue-to-date-export").getByRole("link", { name: "Download CSV" });
  await expect(toDate).toHaveAttribute("href", "/api/export/revenue-to-date?region=Europe");
  const [download] = await Promise.all([page.waitForEvent("download"), toDate.click()]);
  const { header, rows } = readCsv(fs.readFileSync(await download.path(), "utf8"));
  expect(header[0]).toBe("period");
  expect(rows.map((r) => r.period)).toEqual(["month-to-date", "year-to-date"]);

  await page.context().clearCookies();
  await signIn(page, "plant@volta.example");
  await page.goto("/inventory");
  await expect(page.getByTestId("utilisation-chart-card").getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", "/api/export/plant-utilisation");
  // The period table's CSV is that table: one row per plant, same figures.
  const summary = page.getByTestId("utilisation-card").getByRole("link", { name: "Download CSV" });
  await expect(summary).toHaveAttribute("href", "/api/export/plant-utilisation-summary");
  const summaryTable = await readKpiTable(page, "plant-utilisation-summary");
  const [summaryCsv] = await Promise.all([page.waitForEvent("download"), summary.click()]);
  const summaryRows = readCsv(fs.readFileSync(await summaryCsv.path(), "utf8")).rows;
  expect(summaryRows.map((r) => [r.plant_name, r.days, r.units_built, r.capacity])).toEqual(
    summaryTable.map((r) => [r.plant_name, r.days, r.units_built, r.capacity]),
  );
  await page.goto("/inventory/1");
  await expect(page.getByTestId("table-card").getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", "/api/export/inventory-by-category?plant=1");
  const categories = await readKpiTable(page, "plant-inventory-by-category");
  const link = page.getByTestId("table-card").getByRole("link", { name: "Download CSV" });
  const [categoryCsv] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const parsed = readCsv(fs.readFileSync(await categoryCsv.path(), "utf8"));
  expect(parsed.rows.map((r) => [r.category, r.parts, r.units, r.inventory_value])).toEqual(categories.map((r) => [r.category, r.parts, r.units, r.total_value]));
});
