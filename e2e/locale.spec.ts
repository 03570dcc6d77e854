import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectChartRendered, signIn } from "./helpers";

const EXEC = "exec@volta.example";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SPACES = /[\s\u00a0\u202f]/g;

/** "1.234.567,89 $" → "1234567.89" (and it must be written that way). */
function fromGerman(text: string): string {
  const bare = text.replace(SPACES, "");
  expect(bare, `German notation: ${text}`).toMatch(/^-?\d{1,3}(\.\d{3})*,\d{2}\$$/);
  return bare.replace("$", "").replace(/\./g, "").replace(",", ".");
}

/** "$1,234,567.89" → "1234567.89" (and it must be written that way). */
function fromEnglish(text: string): string {
  const bare = text.replace(SPACES, "");
  expect(bare, `en-US notation: ${text}`).toMatch(/^-?\$\d{1,3}(,\d{3})*\.\d{2}$/);
  return bare.replace("$", "").replace(/,/g, "");
}

/** The newest month's revenue cell and the total on /revenue: shown text and exact value. */
async function revenueFigures(page: Page) {
  await page.goto("/revenue");
  const table = page.locator('table[data-kpi="monthly-revenue"]');
  await expect(table).toBeVisible();
  const cell = table.locator("tbody tr[data-row]").first().locator('[data-column="total_revenue"]');
  const total = table.locator('tfoot [data-column="total_revenue"]');
  return {
    month: (await table.locator("tbody tr[data-row]").first().locator('[data-column="month_year"]').innerText()).trim(),
    cell: { text: await cell.innerText(), value: (await cell.getAttribute("data-value"))! },
    total: { text: await total.innerText(), value: (await total.getAttribute("data-value"))! },
  };
}

test.describe("in German (Accept-Language de-DE)", () => {
  test.use({ locale: "de-DE" });

  test("/revenue shows its figures in German notation, equal to the en-US figures", async ({ page, browser }, testInfo) => {
    await signIn(page, EXEC);
    const de = await revenueFigures(page);
    expect(de.cell.text).toMatch(/,\d{2}\s\$$/);
    expect(fromGerman(de.cell.text)).toBe(Number(de.cell.value).toFixed(2));
    expect(fromGerman(de.total.text)).toBe(de.total.value);
    // Month names in German ("März 2026", "Dez. 2025").
    expect(de.month).toMatch(/^(Jan\.|Feb\.|März|Apr\.|Mai|Juni|Juli|Aug\.|Sept\.|Okt\.|Nov\.|Dez\.) \d{4}$/);

    const context = await browser.newContext({ locale: "en-US", baseURL: testInfo.project.use.baseURL });
    try {
      const english = await context.newPage();
      await signIn(english, EXEC);
      const en = await revenueFigures(english);
      expect(en.cell.value).toBe(de.cell.value);
      expect(fromEnglish(en.cell.text)).toBe(fromGerman(de.cell.text));
      expect(fromEnglish(en.total.text)).toBe(fromGerman(de.total.text));
    } finally {
      await context.close();
    }

    // The chart's axis ticks use the German separators and put "$" after the number.
    await expectChartRendered(page);
    const ticks = (await page.locator('[data-chart] .ytick text').allTextContents()).map((t) => t.replace(SPACES, " "));
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every((t) => !t.includes(",") || /,\d/.test(t))).toBe(true);
    expect(ticks.some((t) => /^\d{1,3}(\.\d{3})+ \$$|^\d+(,\d+)?[kMG]? \$$/.test(t)), ticks.join(" | ")).toBe(true);
  });
});

test("Download PNG, by keyboard, saves the chart as a PNG file", async ({ page }) => {
  await signIn(page, EXEC);
  await page.goto("/revenue");
  await expectChartRendered(page);
  const button = page.getByRole("button", { name: /^Download PNG/ }).first();
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute("aria-disabled", "false");
  await button.focus();
  await expect(button).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toBe("monthly-revenue.png");
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.byteLength).toBeGreaterThan(5_000);
});
