import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/auth/demo-users";

export const ROLE_USERS = DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD }));

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Settled: either signed in (the header shows the user) or refused (the form says why).
  await page.locator('[data-testid="current-user"], form [role="alert"]').first().waitFor();
}

/** The rows of a KPI table as { column: exact value } objects, from the cells' data-value. */
export async function readKpiTable(page: Page, kpi: string): Promise<Array<Record<string, string>>> {
  const table = page.locator(`table[data-kpi="${kpi}"]`);
  await expect(table).toBeVisible();
  return table.locator("tbody tr[data-row]").evaluateAll((rows) =>
    rows.map((row) => {
      const out: Record<string, string> = {};
      for (const cell of Array.from(row.querySelectorAll("[data-column]"))) {
        out[cell.getAttribute("data-column")!] = cell.getAttribute("data-value") ?? "";
      }
      return out;
    }),
  );
}

/**
 * A Plotly chart has rendered when its SVG is in the page. The chart bundle loads
 * lazily after the page: allow a busy machine time for it.
 */
export async function expectChartRendered(page: Page) {
  await expect(page.locator(".js-plotly-plot svg.main-svg").first()).toBeVisible({ timeout: 60_000 });
}
