import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { can, plantScopeOf, scopeIncludesPlant, type Actor } from "../lib/access/policy";
import { ROUTES, type RouteRule } from "../lib/access/routes";
import { KPIS } from "../lib/kpi";
import { BREAKDOWN_EXPORT_COLUMNS, BREAKDOWN_EXPORTS } from "../lib/kpi/model-breakdown";
import { MODEL_ORDER_COLUMNS } from "../lib/kpi/model-orders";
import { ROLE_USERS, signIn } from "./helpers";

// Every page, route handler and export × every role × own and other plant:
// allowed (200) or refused (403), as lib/access/policy.ts says. Server actions are
// covered by tests/unit/route-registry.test.ts (each starts with its permission
// check) and by the admin spec (non-admins cannot reach their forms).

const OWN_PLANT = 1; // the demo plant manager's plant
const OTHER_PLANT = 2;
const DEMO_MODEL = "Aero"; // a model of the synthetic catalogue

type Probe = { url: string; rule: RouteRule; plantId?: number; kpi?: string; csvHeader?: string };

function probes(): Probe[] {
  const out: Probe[] = [];
  for (const rule of ROUTES) {
    if (rule.kind === "action" || rule.access === "public") continue;
    if (rule.path.includes("[plantId]")) {
      for (const plantId of [OWN_PLANT, OTHER_PLANT]) out.push({ url: rule.path.replace("[plantId]", String(plantId)), rule, plantId });
    } else if (rule.path.includes("[kpi]")) {
      for (const kpi of Object.keys(KPIS)) out.push({ url: rule.path.replace("[kpi]", kpi), rule, kpi });
    } else if (rule.path.includes("[dimension]")) {
      for (const dimension of BREAKDOWN_EXPORTS) {
        const url = rule.path.replace("[model]", DEMO_MODEL).replace("[dimension]", dimension);
        out.push({ url, rule, csvHeader: BREAKDOWN_EXPORT_COLUMNS[dimension].join(",") });
      }
    } else if (rule.path === "/api/export/models/[model]/orders") {
      out.push({ url: rule.path.replace("[model]", DEMO_MODEL), rule, csvHeader: MODEL_ORDER_COLUMNS.join(",") });
    } else if (rule.path.includes("[model]")) {
      out.push({ url: rule.path.replace("[model]", DEMO_MODEL), rule });
    } else if (rule.path.includes("[userId]")) {
      out.push({ url: rule.path.replace("[userId]", "1"), rule });
    } else {
      out.push({ url: rule.path, rule });
    }
  }
  return out;
}

function expectedAllowed(actor: Pick<Actor, "role" | "plantIds">, probe: Probe): boolean {
  const { rule } = probe;
  if (rule.access === "signed-in") return true;
  if (rule.access === "public") return true;
  if (!can(actor, rule.access)) return false;
  if (rule.also && !can(actor, rule.also)) return false;
  if (probe.plantId !== undefined && !scopeIncludesPlant(plantScopeOf(actor), probe.plantId)) return false;
  if (probe.kpi !== undefined && !can(actor, KPIS[probe.kpi]!.permission)) return false;
  return true;
}

async function signedInRequest(browser: Browser, email: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page.getByTestId("current-user")).toContainText(email);
  return context.request;
}

test.describe("authorization matrix", () => {
  test("without a session: pages redirect to sign-in, API routes answer 401", async ({ request }) => {
    for (const probe of probes()) {
      const response = await request.get(probe.url, { maxRedirects: 0 });
      if (probe.url.startsWith("/api/")) expect(response.status(), probe.url).toBe(401);
      else {
        expect(response.status(), probe.url).toBe(307);
        expect(response.headers().location, probe.url).toContain("/login");
      }
    }
  });

  for (const user of ROLE_USERS) {
    test(`${user.role}: every route answers as the policy says`, async ({ browser }) => {
      const request = await signedInRequest(browser, user.email);
      const actor = { role: user.role, plantIds: user.plants ?? [] };
      const seen: string[] = [];
      for (const probe of probes()) {
        const allowed = expectedAllowed(actor, probe);
        const response = await request.get(probe.url, { maxRedirects: 0 });
        seen.push(`${probe.url} ${response.status()}`);
        expect(response.status(), `${user.role} ${probe.url}`).toBe(allowed ? 200 : 403);
        if (probe.kpi && allowed) {
          expect(response.headers()["content-type"]).toContain("text/csv");
          const header = (await response.text()).split("\n")[0];
          expect(header).toBe(KPIS[probe.kpi]!.columns.map((c) => c.key).join(","));
        }
        if (probe.csvHeader && allowed) {
          expect(response.headers()["content-type"], probe.url).toContain("text/csv");
          expect((await response.text()).split("\n")[0], probe.url).toBe(probe.csvHeader);
        }
      }
      expect(seen.length).toBeGreaterThan(5);
    });
  }
});

test("a plant manager's export holds only their own plant", async ({ browser }) => {
  const request = await signedInRequest(browser, "plant@volta.example");
  const csv = await (await request.get("/api/export/inventory-value-by-plant")).text();
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("plant_name,total_inventory_value");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^Volta Reno,\d+\.\d{2}$/);
});

test("an export of an unknown KPI is a clear 404, hostile names included", async ({ browser }) => {
  const request = await signedInRequest(browser, "exec@volta.example");
  for (const name of ["nope", "monthly-revenue'--", "%00", "constructor", "__proto__"]) {
    const response = await request.get(`/api/export/${encodeURIComponent(name)}`);
    expect(response.status(), name).toBe(404);
    expect((await response.json()).error).toMatch(/Unknown KPI/);
  }
});

test("malformed plant ids get the not-found page, never a 500", async ({ browser }) => {
  const request = await signedInRequest(browser, "exec@volta.example");
  for (const id of ["abc", "0", "-1", "1.5", "99999999999999999999", "1;DROP TABLE plants", "%27"]) {
    const response = await request.get(`/inventory/${encodeURIComponent(id)}`, { maxRedirects: 0 });
    expect(response.status(), id).toBe(404);
  }
  expect((await request.get("/inventory/999", { maxRedirects: 0 })).status()).toBe(404);
});

test("the executive overview and the sales page, role by role, as the README's matrix says", async ({ browser }) => {
  // Written out rather than derived from the policy, so that a policy change shows up here.
  const expected: Record<string, Record<string, number>> = {
    "exec@volta.example": { "/executive": 200, "/sales": 200, "/api/export/revenue-to-date": 200, "/api/export/fleet-vs-retail": 200 },
    "plant@volta.example": { "/executive": 403, "/sales": 403, "/api/export/revenue-to-date": 403, "/api/export/fleet-vs-retail": 403 },
    "sales@volta.example": { "/executive": 403, "/sales": 200, "/api/export/revenue-to-date": 403, "/api/export/fleet-vs-retail": 200 },
    "admin@volta.example": { "/executive": 403, "/sales": 403, "/api/export/revenue-to-date": 403, "/api/export/fleet-vs-retail": 403 },
  };
  for (const [email, routes] of Object.entries(expected)) {
    const request = await signedInRequest(browser, email);
    for (const [url, status] of Object.entries(routes)) {
      expect((await request.get(url, { maxRedirects: 0 })).status(), `${email} ${url}`).toBe(status);
    }
  }
});

test("the service page: executives and plant managers, nobody else", async ({ browser }) => {
  const expected: Record<string, number> = {
    "exec@volta.example": 200,
    "plant@volta.example": 200,
    "sales@volta.example": 403,
    "admin@volta.example": 403,
  };
  for (const [email, status] of Object.entries(expected)) {
    const request = await signedInRequest(browser, email);
    expect((await request.get("/service", { maxRedirects: 0 })).status(), email).toBe(status);
    expect((await request.get("/api/export/service-by-model", { maxRedirects: 0 })).status(), email).toBe(status);
  }
});

test("the model drill-down exports refuse bad links with the reason, and unknown models or breakdowns with a 404", async ({ browser }) => {
  const request = await signedInRequest(browser, "sales@volta.example");
  const base = `/api/export/models/${DEMO_MODEL}`;
  for (const [query, param] of [
    ["sort=nope", "sort"],
    ["dir=sideways", "dir"],
    ["month=2025-13", "month"],
    ["trim=%07bell", "trim"],
    ["sort=price&sort=date", "sort"],
  ] as const) {
    const response = await request.get(`${base}/orders?${query}`);
    expect(response.status(), query).toBe(400);
    const body = await response.json();
    expect(body.error, query).toBe("Invalid order list parameters.");
    expect(body.problems.map((p: { param: string }) => p.param), query).toEqual([param]);
  }
  const badFilters = await request.get(`${base}/orders?range=custom&from=2024-02-30`);
  expect(badFilters.status()).toBe(400);
  expect((await badFilters.json()).problems).toEqual([{ param: "from", message: expect.stringContaining("not a calendar date") }]);
  expect((await request.get(`${base}/breakdown/trim?channel=carrier-pigeon`)).status()).toBe(400);
  for (const model of ["Nope", "Aero'--", "%00"]) {
    expect((await request.get(`/api/export/models/${encodeURIComponent(model)}/orders`)).status(), model).toBe(404);
  }
  const dimension = await request.get(`${base}/breakdown/color`);
  expect(dimension.status()).toBe(404);
  expect((await dimension.json()).error).toMatch(/Unknown breakdown/);
});
