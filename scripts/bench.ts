// npm run bench -- --scale 100 [--database-url URL] [--duration 5] [--connections 32] [--pages /revenue,/models]
//
// The dashboards' benchmark, over HTTP with real signed-in sessions:
//
//   1. the database: DATABASE_URL (or --database-url); without either, the
//      embedded engine in .data/bench-pglite-scale-N (scales up to 2 only).
//      Migrated, and filled by the generator when it holds no vehicles.
//   2. SQL: each page's KPI query from the raw tables (the data contract's
//      reference SQL when nothing is filtered) and from the rollups, median
//      of several runs, in this process.
//   3. the production server (scripts/start.ts, built into .next-bench when
//      needed) on a free port; demo users signed in through the login form.
//   4. per page and filter set: autocannon with 1 client for --duration s
//      (p50/p95 of every response's full time) and with N clients for
//      --duration-many s (pages/s: responses completed / s), errors counted
//      (connection errors, timeouts, non-2xx). Baselines: the login page (no
//      session, no data) and the overview page (session, no KPI).
//   5. freshness: a sale recorded through POST /api/sales/orders as the sales
//      user; the revenue page polled as the executive until its total shows
//      it (ms from the POST). The order is deleted again afterwards.
//   6. JavaScript: Chromium opens /revenue until the Plotly chart has drawn;
//      every JS file it loaded (the lazily loaded Plotly bundle included) is
//      summed, gzipped (page_js_gzip_bytes), and so are those of them a page
//      with the same layout, filter bar and tables but no chart (a model's
//      order list, as the sales user) does not load: the chart JavaScript
//      (chart_js_gzip_bytes: Plotly, its wrapper, the chart code).
//
// Prints a table and writes bench/results.json.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { ROLE_PERMISSIONS, type Permission, type PlantScope } from "../lib/access/policy";
import { ROUTES } from "../lib/access/routes";
import { DEMO_USERS, ensureDemoUsers } from "../lib/auth/demo-users";
import type { Role } from "../lib/auth/roles";
import type { DatabaseConfig } from "../lib/db/config";
import { percentile, signIn, startPortal, stopPortal } from "./bench-server";
import { migrate } from "../lib/db/migrate";
import { openDatabase, type Database } from "../lib/db/open";
import { generateData } from "../lib/datagen";
import { type Filters, parseFilters, todayIn } from "../lib/filters";
import { fetchInventoryValueByPlant } from "../lib/kpi/inventory-value-by-plant";
import { fetchMonthlyRevenue } from "../lib/kpi/monthly-revenue";
import { fetchPlantInventory } from "../lib/kpi/plant-inventory";
import { fetchRevenueByModel } from "../lib/kpi/revenue-by-model";
import { businessTimeZone } from "../lib/time";

const ROOT = path.join(import.meta.dirname, "..");
const SERVER_LOG = path.join(os.tmpdir(), `volta-bench-server-${process.pid}.log`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function usage(message: string): never {
  console.error(`bench: ${message}`);
  console.error(
    "usage: npm run bench -- --scale N [--database-url URL] [--duration S] [--duration-many S] [--connections N] [--raw-runs N] [--pages /a,/b] [--out FILE]\n" +
      "       the database is DATABASE_URL (or --database-url); without it, the embedded engine (scale ≤ 2)",
  );
  process.exit(2);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      scale: { type: "string" },
      seed: { type: "string", default: "42" },
      "database-url": { type: "string" },
      duration: { type: "string", default: "5" },
      "duration-many": { type: "string", default: "10" },
      connections: { type: "string", default: "32" },
      "raw-runs": { type: "string", default: "3" },
      pages: { type: "string" },
      out: { type: "string", default: path.join("bench", "results.json") },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  usage((error as Error).message);
}
const opts = parsed.values;
if (opts.scale === undefined) usage("--scale is required (e.g. --scale 100 on DATABASE_URL, --scale 1 on the embedded engine)");
const scale = Number(opts.scale);
const seed = Number(opts.seed);
const duration = Number(opts.duration);
const durationMany = Number(opts["duration-many"]);
const connections = Number(opts.connections);
const rawRuns = Number(opts["raw-runs"]);
if (!(scale > 0 && scale <= 1000)) usage("--scale must be a number in (0, 1000]");
if (!Number.isInteger(seed) || seed < 0) usage("--seed must be a whole number");
if (!(duration >= 1 && duration <= 600)) usage("--duration must be 1..600 seconds");
if (!(durationMany >= 1 && durationMany <= 600)) usage("--duration-many must be 1..600 seconds");
if (!Number.isInteger(connections) || connections < 1 || connections > 1024) usage("--connections must be 1..1024");
if (!Number.isInteger(rawRuns) || rawRuns < 0 || rawRuns > 50) usage("--raw-runs must be 0..50");

const databaseUrl = opts["database-url"] ?? process.env.DATABASE_URL;
if (!databaseUrl && scale > 2) usage(`--scale ${scale} needs a PostgreSQL server: set DATABASE_URL or pass --database-url`);
const config: DatabaseConfig = databaseUrl
  ? { kind: "postgres", url: databaseUrl }
  : { kind: "embedded", dataDir: path.join(ROOT, ".data", `bench-pglite-scale-${scale}`) };

// ---------------------------------------------------------------------------
// What is measured

type Case = { path: string; filters: string; role: Role; permission: Permission };

/** Filter query strings for pages of sales KPIs, and for stock pages (only the plant applies there). */
function filterSets(models: string[], regions: string[]): { sales: string[]; stock: string[] } {
  const model = models[0] ?? "Aero";
  const region = regions.find((r) => r === "Europe") ?? regions[0] ?? "Europe";
  return {
    sales: [
      "",
      "?range=365d",
      `?model=${encodeURIComponent(model)}`,
      "?plant=1&channel=dealer",
      `?region=${encodeURIComponent(region)}`,
      "?range=custom&from=2025-02-10&to=2025-08-20",
    ],
    stock: ["", "?plant=1"],
  };
}

const STOCK_PERMISSIONS: ReadonlySet<string> = new Set(["inventory:view"]);
const ROLE_PREFERENCE: readonly Role[] = ["executive", "sales", "plant_manager"];

/**
 * Every dashboard page of the route registry (pages behind a `…:view`
 * permission, the audit log aside), a plant page as plant 1, each with the
 * first demo role allowed to open it. New dashboard pages are picked up
 * as they are registered.
 */
function dashboardPages(only: string[] | null): Array<{ path: string; role: Role; permission: Permission }> {
  const out: Array<{ path: string; role: Role; permission: Permission }> = [];
  for (const route of ROUTES) {
    if (route.kind !== "page" || !/:view$/.test(route.access) || route.access === "audit:view") continue;
    const permission = route.access as Permission;
    const pagePath = route.path.replace("[plantId]", "1");
    if (/\[/.test(pagePath)) {
      console.log(`  (skipping ${route.path}: no sample value for its parameter)`);
      continue;
    }
    if (only && !only.includes(pagePath)) continue;
    const role = ROLE_PREFERENCE.find((r) => ROLE_PERMISSIONS[r].includes(permission));
    if (role) out.push({ path: pagePath, role, permission });
  }
  return out;
}

/** The KPI query behind a page, from the raw tables and from the rollups (null: the page has none). */
type SqlProbe = { raw: (f: Filters) => Promise<unknown>; rollup: ((f: Filters) => Promise<unknown>) | null };

function sqlProbes(db: Database, scope: PlantScope, reference: Record<string, string>): Record<string, SqlProbe> {
  const noFilters = (f: Filters) => !f.from && !f.to && !f.plantIds.length && !f.models.length && !f.regions.length && !f.channels.length;
  return {
    "/revenue": {
      raw: (f) => (noFilters(f) && scope.kind === "all" ? db.query(reference.monthlyRevenue!) : fetchMonthlyRevenue(db.prisma, scope, f, { source: "raw" })),
      rollup: (f) => fetchMonthlyRevenue(db.prisma, scope, f, { source: "rollup" }),
    },
    "/models": {
      raw: (f) => (noFilters(f) && scope.kind === "all" ? db.query(reference.revenueByModel!) : fetchRevenueByModel(db.prisma, scope, f, { source: "raw" })),
      rollup: (f) => fetchRevenueByModel(db.prisma, scope, f, { source: "rollup" }),
    },
    "/inventory": { raw: (f) => fetchInventoryValueByPlant(db.prisma, scope, f), rollup: null },
    "/inventory/1": { raw: () => fetchPlantInventory(db.prisma, scope, 1), rollup: null },
  };
}

function referenceSql(): Record<string, string> {
  const text = fs.readFileSync(path.join(ROOT, "tests", "reference", "kpi-reference.sql"), "utf8");
  const [monthlyRevenue, inventoryValueByPlant, revenueByModel] = text
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);
  return { monthlyRevenue: monthlyRevenue!, inventoryValueByPlant: inventoryValueByPlant!, revenueByModel: revenueByModel! };
}

async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return round(times[Math.floor((times.length - 1) / 2)]!);
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------
// The server

const startServer = () => startPortal(config, SERVER_LOG);
const stopServer = stopPortal;

// ---------------------------------------------------------------------------
// Load

type Load = { p50: number; p95: number; rps: number; errors: number; requests: number };

async function load(url: string, cookie: string | null, clients: number, seconds: number): Promise<Load> {
  const samples: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: clients, duration: seconds, headers: cookie ? { cookie } : {}, timeout: 30 },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, time) => samples.push(time));
  });
  samples.sort((a, b) => a - b);
  return {
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    rps: round(result.requests.total / seconds),
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/** The page answers 200 with content (not the login page, not the 403 page). */
async function preflight(url: string, cookie: string): Promise<string | null> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) return `status ${response.status}`;
  if (body.includes("Sign in to Volta") || body.includes('name="password"')) return "the login page answered";
  return null;
}

// ---------------------------------------------------------------------------
// Freshness and chart size

const cents = (s: string) => {
  const [whole = "0", frac = ""] = s.split(".");
  return BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2));
};

async function revenueTotal(baseURL: string, cookie: string): Promise<string | null> {
  const html = await (await fetch(`${baseURL}/revenue`, { headers: { cookie } })).text();
  const match = /<tr[^>]*data-total[^>]*>[\s\S]*?data-column="total_revenue"[^>]*data-value="([0-9.]+)"/.exec(html);
  return match?.[1] ?? null;
}

async function freshness(
  baseURL: string,
  salesCookie: string,
  execCookie: string,
  sale: { vin: string; customerId: number; saleDate: string },
): Promise<{ ms: number; orderId: string }> {
  const price = "45678.91";
  const before = await revenueTotal(baseURL, execCookie);
  if (before === null) throw new Error("the revenue page shows no total (is there data?)");
  const started = performance.now();
  const response = await fetch(`${baseURL}/api/sales/orders`, {
    method: "POST",
    headers: { cookie: salesCookie, "content-type": "application/json", origin: baseURL },
    body: JSON.stringify({ vin: sale.vin, customerId: sale.customerId, saleDate: sale.saleDate, salePrice: price, channel: "online" }),
  });
  const body = (await response.json()) as { orderId?: string; error?: string };
  if (response.status !== 201 || !body.orderId) throw new Error(`recording the sale failed: ${response.status} ${JSON.stringify(body)}`);
  const want = cents(before) + cents(price);
  while (performance.now() - started < 30_000) {
    const now = await revenueTotal(baseURL, execCookie);
    if (now !== null && cents(now) === want) return { ms: round(performance.now() - started), orderId: body.orderId };
  }
  throw new Error("the sale did not show on the revenue page within 30 s");
}

type ScriptFile = { url: string; gzip: number };
type ChartJs = { page: { total: number; files: ScriptFile[] }; chart: { total: number; files: ScriptFile[] } };

/**
 * The JavaScript of /revenue, gzipped: every script the page loaded until its
 * chart drew (the lazily loaded Plotly bundle included), and of those the
 * chart JavaScript — the scripts a page without a chart but with the same
 * layout, filter bar, cards and tables (`baseline`: a model's order list) does
 * not load: Plotly, its React wrapper, the chart components and the page's own
 * chunk.
 */
async function chartJavaScript(baseURL: string, cookie: string, baseline: { path: string; cookie: string }): Promise<ChartJs> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const sizeOf = async (url: string) => zlib.gzipSync(Buffer.from(await (await fetch(url, { headers: { cookie } })).arrayBuffer())).byteLength;
  const scriptsOf = async (pathname: string, chart: boolean, sessionCookie = cookie): Promise<Set<string>> => {
    const context = await browser.newContext();
    await context.addCookies(
      sessionCookie.split("; ").map((pair) => {
        const i = pair.indexOf("=");
        return { name: pair.slice(0, i), value: pair.slice(i + 1), url: baseURL };
      }),
    );
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on("response", (response) => {
      const url = response.url();
      if (response.request().resourceType() === "script" || /\.js(\?|$)/.test(url)) scripts.add(url);
    });
    await page.goto(`${baseURL}${pathname}`);
    if (chart) await page.waitForSelector(".js-plotly-plot svg.main-svg", { timeout: 120_000 });
    await page.waitForLoadState("networkidle");
    await context.close();
    return scripts;
  };
  try {
    const overview = await scriptsOf(baseline.path, false, baseline.cookie);
    const revenue = await scriptsOf("/revenue", true);
    const files: Array<ScriptFile & { chart: boolean }> = [];
    for (const url of revenue) files.push({ url: url.replace(baseURL, ""), gzip: await sizeOf(url), chart: !overview.has(url) });
    files.sort((a, b) => b.gzip - a.gzip);
    const sum = (list: ScriptFile[]) => ({ total: list.reduce((n, f) => n + f.gzip, 0), files: list });
    return { page: sum(files), chart: sum(files.filter((f) => f.chart)) };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------

type PageResult = {
  path: string;
  filters: string;
  /** The first load of the page with these filters (the result cache empty for them). */
  first_ms: number;
  p50_ms: number;
  p95_ms: number;
  rps_32: number;
  errors: number;
  raw_sql_ms: number | null;
  rollup_sql_ms: number | null;
};

async function main() {
  console.log(`Benchmark at scale ${scale} on ${config.kind === "postgres" ? config.url.replace(/\/\/[^@]*@/, "//…@") : `the embedded engine (${config.dataDir})`}`);
  console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other processes share the CPU: figures are as measured)`);

  // 1. Database
  const db = await openDatabase(config);
  let sale: { vin: string; customerId: number; saleDate: string };
  let pages: Array<{ path: string; role: Role; permission: Permission }>;
  let sets: { sales: string[]; stock: string[] };
  let sampleModel = "";
  const sql = new Map<string, { raw: number | null; rollup: number | null }>();
  try {
    const migrated = await migrate(db);
    if (migrated.applied.length) console.log(`Applied ${migrated.applied.length} migration(s).`);
    const [{ n }] = (await db.query<{ n: string | number }>("SELECT count(*) AS n FROM (SELECT 1 FROM vehicles LIMIT 1) v")) as [{ n: string }];
    if (Number(n) === 0) {
      console.log(`No data: generating scale ${scale} (seed ${seed})…`);
      const result = await generateData(db, { scale, seed });
      console.log(`  ${result.counts.salesorders.toLocaleString("en-US")} orders in ${result.seconds.toFixed(1)} s`);
    }
    await ensureDemoUsers(db);
    const [counts] = await db.query<{ vehicles: string; orders: string }>(
      "SELECT (SELECT count(*) FROM vehicles)::text AS vehicles, (SELECT count(*) FROM salesorders)::text AS orders",
    );
    const expectedVehicles = Math.round(20_000 * scale);
    console.log(`Data: ${Number(counts!.vehicles).toLocaleString("en-US")} vehicles, ${Number(counts!.orders).toLocaleString("en-US")} orders`);
    if (Math.abs(Number(counts!.vehicles) - expectedVehicles) > expectedVehicles * 0.05) {
      console.log(`  note: scale ${scale} means about ${expectedVehicles.toLocaleString("en-US")} vehicles; the database holds other data (reported as --scale ${scale})`);
    }
    const models = (await db.query<{ m: string }>("SELECT DISTINCT model_name AS m FROM vehicles ORDER BY 1 LIMIT 20")).map((r) => r.m);
    const regions = (await db.query<{ r: string }>("SELECT DISTINCT region AS r FROM customers ORDER BY 1 LIMIT 20")).map((r) => r.r);
    sets = filterSets(models, regions);
    sampleModel = models[0] ?? "";
    pages = dashboardPages(opts.pages ? opts.pages.split(",").map((p) => p.trim()) : null);

    const today = todayIn(businessTimeZone());
    const [v] = await db.query<{ vin: string }>(
      `SELECT v.vin FROM vehicles v WHERE v.manufacture_date <= $1::date AND NOT EXISTS (SELECT 1 FROM salesorders s WHERE s.vin = v.vin) ORDER BY v.vin LIMIT 1`,
      [today],
    );
    const [c] = await db.query<{ customer_id: number }>("SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1");
    if (!v || !c) throw new Error("no unsold vehicle or no customer for the freshness test");
    sale = { vin: v.vin, customerId: Number(c.customer_id), saleDate: today };

    // 2. SQL, raw and rollup
    console.log(`Timing each page's KPI SQL (raw: median of ${rawRuns}, rollup: median of 15)…`);
    const reference = referenceSql();
    for (const page of pages) {
      const scope: PlantScope = page.role === "plant_manager" ? { kind: "plants", plantIds: [1] } : { kind: "all" };
      const probe = sqlProbes(db, scope, reference)[page.path];
      for (const qs of STOCK_PERMISSIONS.has(page.permission) ? sets.stock : sets.sales) {
        const result = parseFilters(new URLSearchParams(qs), today);
        if (!result.ok) throw new Error(`bad filter set ${qs}: ${JSON.stringify(result.errors)}`);
        const f = result.filters;
        const raw = probe && rawRuns > 0 ? await medianMs(rawRuns, () => probe.raw(f)) : null;
        let rollup: number | null = null;
        if (probe?.rollup) {
          await probe.rollup(f);
          rollup = await medianMs(15, () => probe.rollup!(f));
        }
        sql.set(`${page.path}${qs}`, { raw, rollup });
        console.log(`  ${page.path}${qs}: raw ${raw ?? "–"} ms, rollup ${rollup ?? "–"} ms`);
      }
    }
  } finally {
    await db.close();
  }

  // 3. Server and sessions
  let server: ChildProcess | null = null;
  const results: PageResult[] = [];
  let fresh: { ms: number; orderId: string } | null = null;
  let chart: Awaited<ReturnType<typeof chartJavaScript>> | null = null;
  const baselines: Array<{ what: string; one: Load; many: Load }> = [];
  const cleanup = () => stopServer(server);
  process.on("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  try {
    const started = await startServer();
    server = started.child;
    const { baseURL } = started;
    const cookies = new Map<Role, string>();
    for (const role of new Set<Role>([...pages.map((p) => p.role), "executive", "sales"])) {
      const user = DEMO_USERS.find((u) => u.role === role);
      if (user) cookies.set(role, await signIn(baseURL, user.email));
    }

    // Baselines: what the framework and the session cost without KPI queries.
    const warm = async (url: string, cookie: string | null) => {
      for (let k = 0; k < 5; k++) await fetch(url, { headers: cookie ? { cookie } : {} }).then((r) => r.text());
    };
    for (const [what, url, cookie] of [
      ["/login (no session)", `${baseURL}/login`, null],
      ["/ (session, no KPI)", `${baseURL}/`, cookies.get("executive")!],
    ] as const) {
      await warm(url, cookie);
      baselines.push({ what, one: await load(url, cookie, 1, duration), many: await load(url, cookie, connections, durationMany) });
    }

    // 4. Pages
    for (const page of pages) {
      const cookie = cookies.get(page.role)!;
      for (const qs of STOCK_PERMISSIONS.has(page.permission) ? sets.stock : sets.sales) {
        const url = `${baseURL}${page.path}${qs}`;
        const firstStarted = performance.now();
        const problem = await preflight(url, cookie);
        const first = round(performance.now() - firstStarted);
        if (problem) console.log(`  ${page.path}${qs}: ${problem}`);
        await warm(url, cookie);
        const one = await load(url, cookie, 1, duration);
        const many = await load(url, cookie, connections, durationMany);
        const timing = sql.get(`${page.path}${qs}`);
        results.push({
          path: page.path,
          filters: qs,
          first_ms: first,
          p50_ms: one.p50,
          p95_ms: one.p95,
          rps_32: many.rps,
          errors: one.errors + many.errors + (problem ? 1 : 0),
          raw_sql_ms: timing?.raw ?? null,
          rollup_sql_ms: timing?.rollup ?? null,
        });
        console.log(`  ${page.path}${qs} as ${page.role}: first ${first} ms, p50 ${one.p50} ms, p95 ${one.p95} ms, ${many.rps} pages/s at ${connections}, errors ${one.errors + many.errors}`);
      }
    }

    // 5. Freshness
    fresh = await freshness(baseURL, cookies.get("sales")!, cookies.get("executive")!, sale);

    // 6. Chart JavaScript
    chart = await chartJavaScript(baseURL, cookies.get("executive")!, {
      path: `/models/${encodeURIComponent(sampleModel)}/orders`,
      cookie: cookies.get("sales")!,
    });
  } finally {
    await cleanup();
  }

  // The freshness order goes again, so that repeated runs leave the data as it was.
  if (fresh) {
    const cleanupDb = await openDatabase(config);
    try {
      await cleanupDb.query("DELETE FROM salesorders WHERE order_id = $1::bigint", [fresh.orderId]);
    } finally {
      await cleanupDb.close();
    }
  }

  // Report
  const header = ["page", "filters", "first ms", "p50 ms", "p95 ms", `pages/s @${connections}`, "errors", "raw SQL ms", "rollup SQL ms"];
  const rows = results.map((r) => [r.path, r.filters || "(none)", r.first_ms, r.p50_ms, r.p95_ms, r.rps_32, r.errors, r.raw_sql_ms ?? "–", r.rollup_sql_ms ?? "–"].map(String));
  for (const b of baselines) rows.push([b.what, "", "–", String(b.one.p50), String(b.one.p95), String(b.many.rps), String(b.one.errors + b.many.errors), "–", "–"]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => (k < 2 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join(" | ")} |`;
  console.log(`\n${line(header)}\n| ${widths.map((w, k) => (k < 2 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`);
  for (const r of rows) console.log(line(r));
  console.log(`\nFreshness (sale recorded → on the revenue page): ${fresh?.ms} ms`);
  const kib = (bytes: number | undefined) => (bytes === undefined ? "?" : (bytes / 1024).toFixed(1));
  console.log(`JavaScript of /revenue, gzipped: ${kib(chart?.page.total)} KiB in ${chart?.page.files.length} files`);
  console.log(`  of which chart JavaScript (not loaded by a chart-less page with the same filter bar and tables): ${kib(chart?.chart.total)} KiB in ${chart?.chart.files.length} files:`);
  for (const f of chart?.chart.files ?? []) console.log(`    ${kib(f.gzip)} KiB ${f.url}`);

  const out = {
    scale,
    pages: results,
    freshness_ms: fresh?.ms ?? null,
    chart_js_gzip_bytes: chart?.chart.total ?? null,
    page_js_gzip_bytes: chart?.page.total ?? null,
  };
  const file = path.resolve(ROOT, opts.out!);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
