import { expect, test, type Browser, type Page } from "@playwright/test";
import { ROLE_LABELS, type Role } from "../lib/auth/roles";
import { ROLE_USERS, signIn } from "./helpers";

const ADMIN = "admin@volta.example";

let counter = 0;
/** An address no earlier run (nor another spec) has used. */
function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now()}-${counter}@e2e.volta.example`;
}

async function signInAsAdmin(page: Page) {
  await signIn(page, ADMIN);
  await expect(page.getByTestId("current-user")).toContainText(ADMIN);
}

/** Fills and submits the New user form; returns the new user's id from the page it lands on. */
async function createUserViaForm(
  page: Page,
  user: { name: string; email: string; role: Role; password: string; plantIds?: number[] },
): Promise<number> {
  await page.goto("/admin/users/new");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Role").selectOption(user.role);
  for (const plantId of user.plantIds ?? []) await page.locator(`input[name="plantIds"][value="${plantId}"]`).check();
  await page.getByLabel("Initial password").fill(user.password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+\?created=1$/);
  await expect(page.getByTestId("user-created")).toBeVisible();
  return Number(/\/admin\/users\/(\d+)/.exec(page.url())![1]);
}

/** Signs in in a browser context of its own (its own cookies), as the new user would. */
async function signInElsewhere(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

test("an admin creates a plant manager, who signs in; once deactivated, they no longer can", async ({ page, browser }) => {
  const email = uniqueEmail("pm");
  const password = "plant two password";
  await signInAsAdmin(page);

  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByTestId("users-table")).toContainText(ADMIN);
  await page.getByRole("link", { name: "New user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New user" })).toBeVisible();

  // A too-short password first: the error shows next to the field, the rest stays filled in.
  await page.getByLabel("Name").fill("Nora Plant-Two");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Role").selectOption("plant_manager");
  await page.locator('input[name="plantIds"][value="2"]').check();
  const passwordField = page.getByLabel("Initial password");
  await passwordField.fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("password-error")).toHaveText("A password needs at least 10 characters.");
  await expect(passwordField).toHaveAttribute("aria-invalid", "true");
  await expect(passwordField).toHaveAttribute("aria-describedby", /password-error/);
  await expect(passwordField).toBeFocused();
  await expect(page.getByLabel("Email")).toHaveValue(email.toUpperCase());
  await expect(page.locator('input[name="plantIds"][value="2"]')).toBeChecked();
  await expect(page).toHaveURL(/\/admin\/users\/new$/);

  await passwordField.fill(password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+\?created=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Nora Plant-Two" })).toBeVisible();
  await expect(page.getByText(`${email} · Plant manager`)).toBeVisible(); // stored in lower case
  const userPage = page.url().replace(/\?.*$/, "");

  // The new user signs in and is a plant manager.
  const newUser = await signInElsewhere(browser, email, password);
  await expect(newUser.page.getByTestId("current-role")).toHaveText(ROLE_LABELS.plant_manager);
  await expect(newUser.page.getByTestId("current-user")).toContainText("Nora Plant-Two");

  // The admin deactivates them.
  await page.goto(userPage);
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.getByTestId("form-success")).toContainText("can no longer sign in");
  await expect(page.getByTestId("user-status")).toHaveText("Deactivated");
  await expect(page.getByRole("button", { name: "Activate account" })).toBeVisible();

  // The session they still have is refused, and signing in again fails.
  await newUser.page.goto("/inventory");
  await expect(newUser.page).toHaveURL(/\/login/);
  await newUser.context.close();
  const again = await signInElsewhere(browser, email, password);
  await expect(again.page.locator("form [role=alert]")).toHaveText("Wrong email or password.");
  await again.context.close();

  await page.goto("/admin/users");
  const row = page.locator(`tr[data-user-email="${email}"]`);
  await expect(row).toContainText("Deactivated");
  await expect(row).toContainText("Plant manager");
});

test("an admin resets a password, and the user signs in with the new one", async ({ page, browser }) => {
  const email = uniqueEmail("sales");
  await signInAsAdmin(page);
  await createUserViaForm(page, { name: "Sid Sales", email, role: "sales", password: "the first password" });

  const field = page.getByLabel("New password");
  await field.fill("tiny");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("password-error")).toContainText("at least 10 characters");

  await field.fill("the second password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("form-success")).toContainText("New password set for Sid Sales");
  await expect(field).toHaveValue("");

  const user = await signInElsewhere(browser, email, "the second password");
  await expect(user.page.getByTestId("current-role")).toHaveText(ROLE_LABELS.sales);
  await user.context.close();
});

test("an admin changes a user's role and plants; the audit log records it", async ({ page }) => {
  const email = uniqueEmail("exec");
  await signInAsAdmin(page);
  await createUserViaForm(page, { name: "Eve Exec", email, role: "executive", password: "executive password" });

  // Plants are only for plant managers: the checkboxes are disabled until the role says so.
  const plant1 = page.locator('input[name="plantIds"][value="1"]');
  await expect(plant1).toBeDisabled();
  await page.getByLabel("Role").selectOption("plant_manager");
  await expect(plant1).toBeEnabled();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("plantIds-error")).toHaveText("Choose at least one plant for a plant manager.");
  await plant1.check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Changes saved.");
  await expect(page.getByRole("heading", { level: 1, name: "Eve Exec" })).toBeVisible();
  await expect(page.getByText(`${email} · Plant manager`)).toBeVisible();

  await page.goto("/admin/audit");
  await page.getByLabel("Action").selectOption("user.update");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=user\.update/);
  const update = page.locator('tr[data-action="user.update"]', { hasText: email }).first();
  await expect(update).toContainText(ADMIN);
  await expect(update).toContainText('"role":{"to":"plant_manager","from":"executive"}');
  await expect(update).toContainText('"plantIds":{"to":[1],"from":[]}');
});

test("the audit log shows who created a user, and never a password", async ({ page }) => {
  const email = uniqueEmail("audit");
  const password = "audit trail password";
  await signInAsAdmin(page);
  await createUserViaForm(page, { name: "Ann Audit", email, role: "plant_manager", password, plantIds: [1, 2] });

  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const row = page.locator('tr[data-action="user.create"]', { hasText: email }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText(ADMIN);
  await expect(row).toContainText('"role":"plant_manager"');
  const table = await page.getByTestId("audit-table").innerText();
  expect(table).not.toContain(password);
  expect(table).not.toContain("$argon2");

  // Filtering by action keeps only that action.
  await page.goto("/admin/audit?action=user.create");
  const actions = await page.locator("tr[data-action]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions.length).toBeGreaterThan(0);
  expect(new Set(actions)).toEqual(new Set(["user.create"]));
});

test("the audit log answers malformed query strings with the first page and a notice, never a 500", async ({ page }) => {
  await signInAsAdmin(page);
  for (const query of ["before=abc", "before=-1", "before=99999999999999999999", "before=1%3BDROP%20TABLE%20audit_log", "action=%27%20OR%201%3D1", "before=1&before=2"]) {
    const response = await page.goto(`/admin/audit?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByTestId("audit-query-problem"), query).toBeVisible();
    await expect(page.getByTestId("audit-card"), query).toBeVisible();
  }
  const response = await page.goto("/admin/audit?before=1");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("empty-state")).toContainText("No older entries");
});

test("unknown or malformed user ids get the not-found page, never a 500", async ({ page }) => {
  await signInAsAdmin(page);
  for (const id of ["abc", "-1", "0", "01", "1.5", "99999999999999999999", "2147483648", "1;drop table", "%27", "999999"]) {
    const response = await page.request.get(`/admin/users/${encodeURIComponent(id)}`, { maxRedirects: 0 });
    expect(response.status(), id).toBe(404);
  }
});

for (const user of ROLE_USERS.filter((u) => u.role !== "admin")) {
  test(`${ROLE_LABELS[user.role]}: the administration pages answer 403`, async ({ page }) => {
    await signIn(page, user.email);
    await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABELS[user.role]);
    for (const url of ["/admin/users", "/admin/users/new", "/admin/users/1", "/admin/audit"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(403);
      await expect(page.getByTestId("forbidden"), url).toBeVisible();
      await expect(page.getByTestId("create-user-form")).toHaveCount(0);
    }
  });
}
