import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { type Filters, NO_FILTERS, parseFilters } from "@/lib/filters";
import { fetchInventoryValueByPlant } from "@/lib/kpi/inventory-value-by-plant";
import { fetchMonthlyRevenue } from "@/lib/kpi/monthly-revenue";
import { fetchRevenueByModel } from "@/lib/kpi/revenue-by-model";
import { fetchChannelMixByMonth } from "@/lib/kpi/channel-mix-by-month";
import { fetchModelShareByMonth } from "@/lib/kpi/model-share-by-month";
import { fetchRevenueByChannel } from "@/lib/kpi/revenue-by-channel";
import { fetchRevenueByRegion } from "@/lib/kpi/revenue-by-region";
import { fetchRevenueToDate } from "@/lib/kpi/revenue-to-date";
import { fetchSalesBreakdown, type SalesQueryOptions } from "@/lib/kpi/sales-source";
import { fetchSellingPrice } from "@/lib/kpi/selling-price-and-discount";
import { fetchUnitsBuiltVsSold } from "@/lib/kpi/units-built-vs-sold";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { asText } from "../helpers/reference-sql";

const ALL: PlantScope = { kind: "all" };
const plants = (...ids: number[]): PlantScope => ({ kind: "plants", plantIds: ids });
const f = (over: Partial<Filters>): Filters => ({ ...NO_FILTERS, range: over.from || over.to ? "custom" : "all", ...over });

// Independent SQL: the filters written out by hand, on the raw tables.
const WHERE = `
  FROM salesorders s JOIN vehicles v ON v.vin = s.vin JOIN customers c ON c.customer_id = s.customer_id
  WHERE ($1::date IS NULL OR s.sale_date >= $1::date) AND ($2::date IS NULL OR s.sale_date <= $2::date)
    AND (cardinality($3::int[]) = 0 OR v.plant_id = ANY($3::int[]))
    AND (cardinality($4::text[]) = 0 OR v.model_name = ANY($4::text[]))
    AND (cardinality($5::text[]) = 0 OR c.region = ANY($5::text[]))
    AND (cardinality($6::text[]) = 0 OR s.channel = ANY($6::text[]))
    AND ($7::int[] IS NULL OR v.plant_id = ANY($7::int[]))`;
const params = (filters: Filters, scope: PlantScope) => [
  filters.from,
  filters.to,
  filters.plantIds,
  filters.models,
  filters.regions,
  filters.channels,
  scope.kind === "all" ? null : [...scope.plantIds],
];

describe.each(availableEngines())("KPI filters applied in SQL (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let models: string[];
  let regions: string[];
  let cases: Array<[string, Filters, PlantScope]>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 11 });
    models = (await db.query<{ m: string }>(`SELECT DISTINCT model_name AS m FROM vehicles ORDER BY 1`)).map((r) => r.m);
    regions = (await db.query<{ r: string }>(`SELECT DISTINCT region AS r FROM customers ORDER BY 1`)).map((r) => r.r);
    const preset = (query: string) => {
      const parsed = parseFilters(new URLSearchParams(query), "2026-11-14");
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.filters;
    };
    cases = [
      ["no filters", NO_FILTERS, ALL],
      ["partial first and last month", f({ from: "2024-03-15", to: "2025-02-10" }), ALL],
      ["whole months only", f({ from: "2024-01-01", to: "2024-12-31" }), ALL],
      ["two days across a month edge", f({ from: "2025-06-30", to: "2025-07-01" }), ALL],
      ["one leap day", f({ from: "2024-02-29", to: "2024-02-29" }), ALL],
      ["inside one month", f({ from: "2024-05-05", to: "2024-05-20" }), ALL],
      ["from only, mid-month", f({ from: "2025-05-17" }), ALL],
      ["to only, mid-month", f({ to: "2023-08-09" }), ALL],
      ["to only, month end", f({ to: "2023-08-31" }), ALL],
      ["before any sale", f({ to: "2001-01-31" }), ALL],
      ["last 90 days (preset)", preset("range=90d"), ALL],
      ["last 365 days (preset)", preset("range=365d"), ALL],
      ["year to date (preset)", preset("range=ytd"), ALL],
      ["one model", f({ models: [models[1]!] }), ALL],
      ["two plants and a channel", f({ plantIds: [2, 4], channels: ["dealer"] }), ALL],
      ["a region", f({ regions: [regions[0]!] }), ALL],
      ["everything at once", f({ from: "2023-02-11", to: "2025-10-19", plantIds: [1, 3], models: models.slice(0, 2), regions: regions.slice(1, 3), channels: ["online", "fleet"] }), ALL],
      ["plant scope and a range", f({ from: "2024-07-04", to: "2025-03-03" }), plants(1, 3)],
      ["plant filter outside the scope", f({ plantIds: [2] }), plants(1)],
      ["an unknown model", f({ models: ["No Such Model"] }), ALL],
    ];
  });
  afterAll(async () => close?.());

  it("monthly revenue equals hand-written SQL for every filter combination", async () => {
    let nonEmpty = 0;
    for (const [name, filters, scope] of cases) {
      const expected = await db.query<{ m: string; v: unknown }>(
        `SELECT to_char(s.sale_date, 'YYYY-MM') AS m, SUM(s.sale_price) AS v ${WHERE} GROUP BY 1 ORDER BY 1`,
        params(filters, scope),
      );
      if (expected.length > 0) nonEmpty++;
      const want = expected.map((r) => ({ month_year: r.m, total_revenue: asText(r.v) }));
      expect(await fetchMonthlyRevenue(db.prisma, scope, filters), name).toEqual(want);
      expect(await fetchMonthlyRevenue(db.prisma, scope, filters, { source: "raw" }), `${name} (raw)`).toEqual(want);
    }
    // Most cases select something (the empty ones are deliberate: before any sale, unknown model, outside the scope).
    expect(nonEmpty).toBeGreaterThanOrEqual(12);
  });

  it("revenue by model equals hand-written SQL for every filter combination", async () => {
    for (const [name, filters, scope] of cases) {
      const expected = await db.query<{ m: string; n: unknown; v: unknown }>(
        `SELECT v.model_name AS m, COUNT(*) AS n, SUM(s.sale_price) AS v ${WHERE} GROUP BY 1 ORDER BY v DESC, 1`,
        params(filters, scope),
      );
      const want = expected.map((r) => ({ model_name: r.m, units_sold: Number(asText(r.n)), total_revenue: asText(r.v) }));
      expect(await fetchRevenueByModel(db.prisma, scope, filters), name).toEqual(want);
      expect(await fetchRevenueByModel(db.prisma, scope, filters, { source: "raw" }), `${name} (raw)`).toEqual(want);
    }
  });

  it("the executive and sales-mix KPIs give the same rows from the rollups and from the raw tables", async () => {
    type Fetch = (scope: PlantScope, filters: Filters, options: SalesQueryOptions) => Promise<unknown>;
    const kpis: Array<[string, Fetch]> = [
      ["selling price and discount", (scope, filters, o) => fetchSellingPrice(db.prisma, scope, filters, o)],
      ["revenue by region", (scope, filters, o) => fetchRevenueByRegion(db.prisma, scope, filters, o)],
      ["revenue by channel", (scope, filters, o) => fetchRevenueByChannel(db.prisma, scope, filters, o)],
      ["model share by month", (scope, filters, o) => fetchModelShareByMonth(db.prisma, scope, filters, o)],
      ["channel mix by month", (scope, filters, o) => fetchChannelMixByMonth(db.prisma, scope, filters, o)],
      ["units built vs sold", (scope, filters, o) => fetchUnitsBuiltVsSold(db.prisma, scope, filters, o)],
      // Month and year to date on days inside a month, at a month's end, on a leap day and at the year's start.
      ...["2025-05-17", "2024-02-29", "2025-02-28", "2025-01-01", "2026-11-14"].map(
        (today): [string, Fetch] => [`revenue to date on ${today}`, (scope, filters, o) => fetchRevenueToDate(db.prisma, scope, filters, { today }, o)],
      ),
    ];
    let nonEmpty = 0;
    for (const [name, filters, scope] of cases) {
      for (const [kpi, fetch] of kpis) {
        const rollup = await fetch(scope, filters, { source: "rollup" });
        const raw = await fetch(scope, filters, { source: "raw" });
        expect(rollup, `${kpi}, ${name}`).toEqual(raw);
        const rows = Array.isArray(rollup) ? rollup : (rollup as { months: unknown[] }).months;
        if (rows.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it("units built equal hand-written SQL on the vehicles for every filter combination (region and channel do not apply)", async () => {
    let nonEmpty = 0;
    for (const [name, filters, scope] of cases) {
      const expected = await db.query<{ m: string; n: unknown }>(
        `SELECT to_char(v.manufacture_date, 'YYYY-MM') AS m, COUNT(*) AS n FROM vehicles v
         WHERE ($1::date IS NULL OR v.manufacture_date >= $1::date) AND ($2::date IS NULL OR v.manufacture_date <= $2::date)
           AND (cardinality($3::int[]) = 0 OR v.plant_id = ANY($3::int[]))
           AND (cardinality($4::text[]) = 0 OR v.model_name = ANY($4::text[]))
           AND ($5::int[] IS NULL OR v.plant_id = ANY($5::int[]))
         GROUP BY 1 ORDER BY 1`,
        params(filters, scope).filter((_, i) => i < 4 || i === 6),
      );
      if (expected.length > 0) nonEmpty++;
      const built = (rows: Awaited<ReturnType<typeof fetchUnitsBuiltVsSold>>) =>
        rows.filter((r) => r.units_built > 0).map((r) => ({ m: r.month_year, n: r.units_built }));
      const want = expected.map((r) => ({ m: r.m, n: Number(asText(r.n)) }));
      expect(built(await fetchUnitsBuiltVsSold(db.prisma, scope, filters)), name).toEqual(want);
      expect(built(await fetchUnitsBuiltVsSold(db.prisma, scope, filters, { source: "raw" })), `${name} (raw)`).toEqual(want);
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(12);
  });

  it("a breakdown by plant, trim, region and channel equals hand-written SQL", async () => {
    const filters = f({ from: "2024-02-10", to: "2025-09-17", channels: ["dealer", "online"] });
    const expected = await db.query<{ plant_id: number; trim: string; region: string; channel: string; n: unknown; v: unknown; msrp: unknown }>(
      `SELECT v.plant_id, v.trim, c.region, s.channel, COUNT(*) AS n, SUM(s.sale_price) AS v, SUM(v.msrp) AS msrp ${WHERE}
       GROUP BY 1, 2, 3, 4 ORDER BY v DESC, 1, 2, 3, 4`,
      params(filters, ALL),
    );
    const rows = await fetchSalesBreakdown(db.prisma, ALL, filters, ["plant_id", "trim", "region", "channel"]);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows).toEqual(
      expected.map((r) => ({
        key: { plant_id: Number(r.plant_id), trim: r.trim, region: r.region, channel: r.channel },
        orders: Number(asText(r.n)),
        revenue: asText(r.v),
        msrp_total: asText(r.msrp),
      })),
    );
  });

  it("inventory value: the plant filter narrows within the scope; other filters do not apply to stock", async () => {
    const all = await fetchInventoryValueByPlant(db.prisma, ALL);
    const two = await fetchInventoryValueByPlant(db.prisma, ALL, f({ plantIds: [2, 5] }));
    expect(two.map((r) => r.plant_id).sort()).toEqual([2, 5]);
    expect(two).toEqual(all.filter((r) => r.plant_id === 2 || r.plant_id === 5));
    expect(await fetchInventoryValueByPlant(db.prisma, plants(1), f({ plantIds: [2] }))).toEqual([]);
    expect(await fetchInventoryValueByPlant(db.prisma, ALL, f({ from: "2024-01-01", models: [models[0]!] }))).toEqual(all);
  });
});
