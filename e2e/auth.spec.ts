import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a visitor without a session is sent to the login page, and back after signing in", async ({ page }) => {
  await page.goto("/models");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmodels/);
  await page.getByLabel("Email").fill("sales@volta.example");
  await page.getByLabel("Password").fill("volta-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/models$/);
  await expect(page.getByRole("heading", { level: 1, name: "Revenue share by model" })).toBeVisible();
});

test("a wrong password is refused with a clear message and no session", async ({ page }) => {
  await signIn(page, "exec@volta.example", "not-the-password");
  await expect(page.locator("form [role=alert]")).toHaveText("Wrong email or password.");
  await page.goto("/revenue");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown account gets the same message as a wrong password", async ({ page }) => {
  await signIn(page, "nobody@volta.example", "volta-demo-2026");
  await expect(page.locator("form [role=alert]")).toHaveText("Wrong email or password.");
});

test("API routes answer 401 without a session, not a login page", async ({ request }) => {
  const response = await request.get("/api/anything", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: "Sign in first." });
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "admin@volta.example");
  await expect(page.getByTestId("current-user")).toContainText("admin@volta.example");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/inventory");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown address shows the not-found page", async ({ page }) => {
  await signIn(page, "exec@volta.example");
  await expect(page.getByTestId("current-user")).toBeVisible();
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the login page is reachable by keyboard alone", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type("exec@volta.example");
  await page.keyboard.press("Tab");
  await page.keyboard.type("volta-demo-2026");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toContainText("exec@volta.example");
});
