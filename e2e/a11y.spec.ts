import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { can, plantScopeOf } from "../lib/access/policy";
import { ROUTES } from "../lib/access/routes";
import { ROLE_USERS, signIn } from "./helpers";

// Accessibility: every page each role can open, scanned by axe-core (WCAG 2.1 A
// and AA rules) once its sections have loaded, in the light and the dark theme.
// Serious and critical violations fail the test, listed with the offending nodes.

/** Concrete URLs for the parameterised pages: the demo plant manager's plant, the first user, a model. */
const PARAMS: Record<string, string> = { plantId: "1", userId: "1", model: "Aero" };

function pagesFor(user: (typeof ROLE_USERS)[number]): string[] {
  const actor = { role: user.role, plantIds: user.plants ?? [] };
  const urls: string[] = [];
  for (const rule of ROUTES) {
    if (rule.kind !== "page" || rule.access === "public") continue;
    if (rule.access !== "signed-in" && !can(actor, rule.access)) continue;
    const url = rule.path.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(PARAMS[name] ?? name));
    if (rule.path.includes("[plantId]") && plantScopeOf(actor).kind !== "all" && !actor.plantIds.includes(1)) continue;
    urls.push(url);
  }
  return urls;
}

async function settled(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
  // Charts draw after their bundle loads; scan the drawn chart, not the placeholder.
  const charts = page.locator("figure[data-chart]");
  for (let i = 0; i < (await charts.count()); i++) {
    await expect(charts.nth(i).locator("svg.main-svg").first()).toBeVisible({ timeout: 60_000 });
  }
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`accessibility (${colorScheme} theme)`, () => {
    test.use({ colorScheme });

    test("the sign-in page", async ({ page }) => {
      await page.goto("/login");
      expect(await seriousViolations(page)).toEqual([]);
    });

    for (const user of ROLE_USERS) {
      test(`every page ${user.role} can open`, async ({ page }) => {
        test.setTimeout(300_000);
        await signIn(page, user.email);
        const urls = pagesFor(user);
        expect(urls.length).toBeGreaterThan(0);
        for (const url of urls) {
          const response = await page.goto(url);
          expect(response?.status(), url).toBe(200);
          await settled(page);
          expect(await seriousViolations(page), url).toEqual([]);
        }
      });
    }
  });
}

test("the 403 page", async ({ page }) => {
  await signIn(page, "sales@volta.example");
  const response = await page.goto("/revenue");
  expect(response?.status()).toBe(403);
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("phone width", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("dashboards fit a phone's width: no sideways scrolling of the page, navigation reachable", async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await signIn(page, "exec@volta.example");
    for (const url of ["/revenue", "/models", "/executive"]) {
      await page.goto(url);
      await settled(page);
      // Wide tables scroll inside their own region; the page itself must not.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
      await expect(page.getByRole("navigation", { name: "Dashboards" })).toBeVisible();
    }
    await page.screenshot({ path: testInfo.outputPath("phone-executive.png"), fullPage: true });
  });
});
