import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { readKpiTable, signIn } from "./helpers";

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
