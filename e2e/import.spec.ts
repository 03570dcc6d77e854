import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// The CSV upload page: an administrator imports a small valid set and sees the
// counts, uploads a broken file and sees the rejection table; other roles get 403.

const ADMIN = "admin@volta.example";

/** Ids no earlier run has used (the e2e database lives for one run, but be safe). */
const base = 700_000 + (Date.now() % 100_000) * 10;

function csvFile(name: string, lines: string[]) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\n") + "\n", "utf8") };
}

test("an administrator imports plants and suppliers and sees the counts", async ({ page }) => {
  await signIn(page, ADMIN);
  const response = await page.goto("/admin/import");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Import data" })).toBeVisible();

  await page.getByLabel("CSV files").setInputFiles([
    csvFile("plants.csv", [
      "plant_id,name,city,country,annual_capacity",
      `${base},E2E Plant ${base},Testville,Testland,1200`,
      `${base + 1},"E2E Plant ${base + 1}, North",Testville,Testland,800`,
    ]),
    csvFile("suppliers.csv", [
      "name,supplier_id,country,quality_rating",
      `E2E Supplier ${base},${base},Testland,4.25`,
      `E2E Supplier ${base + 1},${base + 1},Testland,3.50`,
      `E2E Supplier ${base + 2},${base + 2},Testland,5.00`,
    ]),
  ]);
  await page.getByRole("button", { name: "Import" }).click();

  await expect(page.getByTestId("import-success")).toContainText("Imported 5 rows");
  const counts = page.getByTestId("import-counts");
  await expect(counts.locator('tr[data-table="plants"] td[data-value]')).toHaveAttribute("data-value", "2");
  await expect(counts.locator('tr[data-table="suppliers"] td[data-value]')).toHaveAttribute("data-value", "3");
});

test("an administrator uploads a broken file and sees the rejection table", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/import");
  await page.getByLabel("CSV files").setInputFiles([
    csvFile("plants.csv", [
      "plant_id,name,city,country,annual_capacity",
      `${base + 5},E2E Bad Plant A,Testville,Testland,many`,
      `${base + 6},E2E Bad Plant B,Testville,Testland,-5`,
      `${base + 7},"E2E Bad "Plant" C",Testville,Testland,10`,
    ]),
  ]);
  await page.getByRole("button", { name: "Import" }).click();

  await expect(page.getByTestId("import-error")).toContainText("3 problems found. Nothing was imported.");
  const rows = page.getByTestId("import-rejections").locator("tbody tr[data-row]");
  await expect(rows).toHaveCount(3);
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll("[data-column]")).map((td) => td.textContent?.trim() ?? "")),
  );
  expect(cells[0]).toEqual(["plants.csv", "2", "annual_capacity", "must be an integer, found 'many'"]);
  expect(cells[1]).toEqual(["plants.csv", "3", "annual_capacity", "annual_capacity must be greater than 0, found -5"]);
  expect(cells[2]![0]).toBe("plants.csv");
  expect(cells[2]![1]).toBe("4");
  expect(cells[2]![3]).toMatch(/malformed CSV: unexpected character after a closing quote/);
});

test("an administrator is told when a file name is not a table", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/import");
  await page.getByLabel("CSV files").setInputFiles([csvFile("factories.csv", ["plant_id", "1"])]);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-error")).toContainText('"factories.csv" is not one of the importable files');
});

for (const email of ["exec@volta.example", "plant@volta.example", "sales@volta.example"]) {
  test(`${email} gets 403 on /admin/import`, async ({ page }) => {
    await signIn(page, email);
    const response = await page.goto("/admin/import");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  });
}
