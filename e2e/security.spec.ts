import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { serverSettings } from "../lib/env";
import { expectChartRendered, signIn } from "./helpers";

// The server the suite starts inherits this environment, so it has the same limits.
const LIMITS = serverSettings(process.env);
const THROTTLED = /^Too many failed sign-ins\. Try again in \d+ minutes?\.$/;

/**
 * A client address of our own (the portal takes it from X-Forwarded-For), so that
 * deliberate failures here never count against 127.0.0.1, which every other spec
 * signs in from. Each test draws from its own documentation range.
 */
function testIp(range: "198.51.100" | "203.0.113" | "192.0.2"): string {
  return `${range}.${Math.floor(Math.random() * 250) + 1}`;
}

function nonceOf(csp: string | undefined): string {
  const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp ?? "")?.[1];
  expect(nonce, `nonce in ${csp}`).toBeTruthy();
  return nonce!;
}

function expectSecurityHeaders(response: APIResponse | Awaited<ReturnType<Page["goto"]>>) {
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toBeTruthy();
  nonceOf(csp);
  expect(csp).toContain("script-src 'self' 'nonce-");
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["strict-transport-security"]).toBeUndefined(); // plain http here
  return csp!;
}

/** Console errors and violation events about the Content-Security-Policy. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return violations;
}

test("the login page carries the security headers and a fresh script nonce on every response", async ({ request }) => {
  const first = await request.get("/login");
  expect(first.status()).toBe(200);
  const nonce = nonceOf(expectSecurityHeaders(first));
  const html = await first.text();
  // Next.js puts the nonce on its own scripts, and no script goes without it.
  expect(html).toContain(`nonce="${nonce}"`);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const second = await request.get("/login");
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
});

test("API answers carry the headers too, including a refusal without a session", async ({ request }) => {
  const response = await request.get("/api/anything", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expectSecurityHeaders(response);
  const session = await request.get("/api/auth/session");
  expect(session.headers()["x-content-type-options"]).toBe("nosniff");
});

test("the login page works under the policy without violations", async ({ page }) => {
  const violations = await watchCsp(page);
  await signIn(page, "exec@volta.example");
  await expect(page.getByTestId("current-user")).toContainText("exec@volta.example");
  expect(violations).toEqual([]);
});

test("the dashboards render their Plotly charts under the policy, without violations", async ({ page }) => {
  const violations = await watchCsp(page);
  await signIn(page, "exec@volta.example"); // executives see every dashboard
  await expect(page.getByTestId("current-user")).toBeVisible();
  for (const path of ["/revenue", "/models", "/inventory"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expectSecurityHeaders(response);
    await expectChartRendered(page);
    // Plotly's hover layer and resize handling run after the first render.
    await page.locator(".js-plotly-plot").first().hover();
  }
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.waitForTimeout(500);
  expect(violations).toEqual([]);
});

test("injected markup cannot run script: inline handlers are blocked and reported", async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto("/login");
  await expect(page.getByLabel("Email")).toBeVisible();
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", `<img src="/icon.svg" onload="window.__injected = true">`);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("the portal refuses to be framed", async ({ page, baseURL }) => {
  // setContent resolves once the frame has loaded (or been refused).
  await page.setContent(`<iframe id="f" src="${baseURL}/login"></iframe>`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame?.url()).toMatch(/^chrome-error:/); // Chromium's page for a refused frame
  await expect(page.frameLocator("#f").getByLabel("Email")).toHaveCount(0);
});

test.describe("sign-in throttling", () => {
  test("repeated wrong passwords for one account are throttled with a clear message", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": testIp("198.51.100") } });
    const page = await context.newPage();
    const account = `brute-${Date.now()}@volta.example`;
    for (let i = 0; i < LIMITS.LOGIN_MAX_FAILURES_PER_ACCOUNT; i++) {
      await signIn(page, account, `guess-${i}`);
      await expect(page.locator("form [role=alert]")).toHaveText("Wrong email or password.");
    }
    await signIn(page, account, "guess-again");
    await expect(page.locator("form [role=alert]")).toHaveText(THROTTLED);
    await expect(page.locator("form [role=alert]")).toHaveText(
      `Too many failed sign-ins. Try again in ${LIMITS.LOGIN_FAILURE_WINDOW_MINUTES} minutes.`,
    );
    // The same account from another address: still throttled (the lock is on the account).
    const elsewhere = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": testIp("192.0.2") } });
    const other = await elsewhere.newPage();
    await signIn(other, account.toUpperCase(), "guess-more");
    await expect(other.locator("form [role=alert]")).toHaveText(THROTTLED);
    await context.close();
    await elsewhere.close();
  });

  test("an address spraying many accounts is throttled, and even a correct password is refused from it", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const ip = testIp("203.0.113");
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": ip } });
    const failOnce = async (email: string) => {
      const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await api.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password: "wrong-password", json: "true" },
        maxRedirects: 0,
      });
      return new URL(((await response.json()) as { url: string }).url).searchParams.get("error");
    };
    const stamp = Date.now();
    for (let i = 0; i < LIMITS.LOGIN_MAX_FAILURES_PER_IP; i++) {
      expect(await failOnce(`spray-${stamp}-${i}@volta.example`)).toBe("CredentialsSignin");
    }
    expect(await failOnce(`spray-${stamp}-next@volta.example`)).toMatch(/^TooManyAttempts:\d+$/);
    await api.dispose();

    // A real account with its real password, from the throttled address: refused without a session.
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
    const page = await context.newPage();
    await signIn(page, "exec@volta.example");
    await expect(page.locator("form [role=alert]")).toHaveText(THROTTLED);
    await page.goto("/revenue");
    await expect(page).toHaveURL(/\/login/);
    await context.close();

    // The account itself was not locked by this: from another address it signs in.
    const fine = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": testIp("192.0.2") } });
    const ok = await fine.newPage();
    await signIn(ok, "exec@volta.example");
    await expect(ok.getByTestId("current-user")).toContainText("exec@volta.example");
    await fine.close();
  });
});
