import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { type Filters, NO_FILTERS } from "@/lib/filters";
import { ORDER_SORTS, type OrderListParams, parseCursor, type SortDir } from "@/lib/filters/drill";
import { fetchFilterOptions } from "@/lib/filters/options";
import { fetchModelBreakdown, modelExists } from "@/lib/kpi/model-breakdown";
import { countModelOrders, fetchModelOrders } from "@/lib/kpi/model-orders";
import { fetchRevenueByModel } from "@/lib/kpi/revenue-by-model";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { insertTrickyFixture } from "../helpers/fixtures";
import { asText } from "../helpers/reference-sql";

const ALL: PlantScope = { kind: "all" };
const plants = (...ids: number[]): PlantScope => ({ kind: "plants", plantIds: ids });
const filters = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...f });
const list = (p: Partial<OrderListParams> = {}): OrderListParams => ({ trim: null, month: null, sort: "date", dir: "desc", cursor: null, ...p });

type Expected = { key: string; label: string; units_sold: number; total_revenue: string; vs_msrp: string; total_msrp: string };

// The drill-down queries against independent hand-written SQL on the same data.
describe.each(availableEngines())("model drill-down queries (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let model: string;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 5 });
    await db.transaction((tx) => insertTrickyFixture(tx));
    const [top] = await db.query<{ model_name: string }>(
      `SELECT v.model_name FROM salesorders s JOIN vehicles v ON v.vin = s.vin GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1`,
    );
    model = top!.model_name;
  });
  afterAll(async () => close?.());

  /** One dimension by hand: plain GROUP BY, WHERE written out, params bound by the driver. */
  async function byHand(group: string, label: string, where: string, params: unknown[]): Promise<Expected[]> {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT ${group}::text AS key, ${label} AS label, COUNT(*) AS n, SUM(s.sale_price) AS revenue,
              SUM(s.sale_price) - SUM(v.msrp) AS vs, SUM(v.msrp) AS msrp
       FROM salesorders s, vehicles v, customers c, plants pl
       WHERE s.vin = v.vin AND c.customer_id = s.customer_id AND pl.plant_id = v.plant_id AND ${where}
       GROUP BY ${group}, ${label}`,
      params,
    );
    return rows.map((r) => ({
      key: String(r.key),
      label: String(r.label),
      units_sold: Number(asText(r.n)),
      total_revenue: asText(r.revenue),
      vs_msrp: asText(r.vs),
      total_msrp: asText(r.msrp),
    }));
  }
  const sortByKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

  it("breakdowns by trim, plant, region and month equal GROUP BY by hand, filters and all", async () => {
    const f = filters({ range: "custom", from: "2023-01-01", to: "2025-06-30", channels: ["dealer", "online"] });
    const where = `v.model_name = $1 AND s.sale_date BETWEEN '2023-01-01' AND '2025-06-30' AND s.channel IN ('dealer', 'online')`;
    const got = await fetchModelBreakdown(db.prisma, ALL, model, f);
    expect(got.byTrim.length).toBeGreaterThan(1);
    expect(sortByKey(got.byTrim)).toEqual(sortByKey(await byHand("v.trim", "v.trim", where, [model])));
    expect(sortByKey(got.byPlant)).toEqual(sortByKey(await byHand("v.plant_id", "pl.name", where, [model])));
    expect(sortByKey(got.byRegion)).toEqual(sortByKey(await byHand("c.region", "c.region", where, [model])));
    expect(got.byMonth).toEqual(sortByKey(await byHand("to_char(s.sale_date, 'YYYY-MM')", "to_char(s.sale_date, 'YYYY-MM')", where, [model])));
    for (const m of got.byMonth) expect(m.key >= "2023-01" && m.key <= "2025-06").toBe(true);
    const [total] = await db.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS n, SUM(s.sale_price) AS revenue FROM salesorders s JOIN vehicles v ON v.vin = s.vin WHERE ${where}`,
      [model],
    );
    expect(got.total.units_sold).toBe(Number(asText(total!.n)));
    expect(got.total.total_revenue).toBe(asText(total!.revenue));
    // Highest revenue first.
    const revenues = got.byTrim.map((r) => Number(r.total_revenue));
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
  });

  it("unfiltered, the model's total is its row of revenue by model", async () => {
    const got = await fetchModelBreakdown(db.prisma, ALL, model);
    const row = (await fetchRevenueByModel(db.prisma, ALL)).find((r) => r.model_name === model)!;
    expect(got.total.units_sold).toBe(row.units_sold);
    expect(got.total.total_revenue).toBe(row.total_revenue);
  });

  it("plant scope, plant and region filters narrow the breakdown", async () => {
    const scoped = await fetchModelBreakdown(db.prisma, plants(1, 2), model, filters({ regions: ["Europe"] }));
    const where = `v.model_name = $1 AND v.plant_id IN (1, 2) AND c.region = 'Europe'`;
    expect(sortByKey(scoped.byPlant)).toEqual(sortByKey(await byHand("v.plant_id", "pl.name", where, [model])));
    expect(scoped.byRegion.map((r) => r.key)).toEqual(scoped.total.units_sold > 0 ? ["Europe"] : []);
    const plantFilter = await fetchModelBreakdown(db.prisma, plants(1, 2), model, filters({ plantIds: [2, 3] }));
    expect(plantFilter.byPlant.every((p) => p.key === "2")).toBe(true);
    const none = await fetchModelBreakdown(db.prisma, plants(), model);
    expect(none).toMatchObject({ byTrim: [], byPlant: [], byRegion: [], byMonth: [], total: { units_sold: 0 } });
    // A model filter that excludes the page's model leaves nothing.
    expect((await fetchModelBreakdown(db.prisma, ALL, model, filters({ models: ["Nope"] }))).total.units_sold).toBe(0);
  });

  it("price vs MSRP is exact (fixture prices far below list, odd cents)", async () => {
    const got = await fetchModelBreakdown(db.prisma, ALL, "Fixture One");
    expect(got.total).toEqual({ units_sold: 2, total_revenue: "0.30", vs_msrp: "-80000.00", total_msrp: "80000.30" });
    const page = await fetchModelOrders(db.prisma, ALL, "Fixture Two", NO_FILTERS, list({ sort: "price", dir: "asc" }));
    expect(page.rows.map((r) => [r.vin, r.sale_price, r.msrp, r.price_vs_msrp])).toEqual([
      ["FX0000000000000A4", "0.05", "55555.55", "-55555.50"],
      ["FX0000000000000A3", "33333.35", "55555.55", "-22222.20"],
    ]);
    expect(page).toMatchObject({ next: null, prev: null });
  });

  it("model names are bound parameters; unknown and hostile names find nothing", async () => {
    expect(await modelExists(db.prisma, model)).toBe(true);
    expect(await modelExists(db.prisma, "Nope")).toBe(false);
    const hostile = "x' OR '1'='1";
    expect(await modelExists(db.prisma, hostile)).toBe(false);
    expect((await fetchModelBreakdown(db.prisma, ALL, hostile)).total.units_sold).toBe(0);
    expect((await fetchModelOrders(db.prisma, ALL, hostile)).rows).toEqual([]);
  });

  const EXPR: Record<(typeof ORDER_SORTS)[number], string> = { date: "s.sale_date", price: "s.sale_price", discount: "(v.msrp - s.sale_price)" };

  for (const sort of ORDER_SORTS) {
    for (const dir of ["asc", "desc"] as SortDir[]) {
      it(`keyset pages by ${sort} ${dir}: forward and back, the same rows as ORDER BY over all of them`, async () => {
        const f = filters({ channels: ["dealer", "fleet"] });
        const expected = await db.query<{ order_id: unknown; vin: string; price_vs_msrp: unknown }>(
          `SELECT s.order_id, s.vin, s.sale_price - v.msrp AS price_vs_msrp FROM salesorders s JOIN vehicles v ON v.vin = s.vin
           WHERE v.model_name = $1 AND s.channel IN ('dealer', 'fleet')
           ORDER BY ${EXPR[sort]} ${dir}, s.order_id ${dir}`,
          [model],
        );
        expect(expected.length).toBeGreaterThan(20);
        const size = 7;
        const forward: string[] = [];
        const pages: Array<{ prev: string | null; next: string | null; first: string }> = [];
        let cursor: OrderListParams["cursor"] = null;
        for (let i = 0; i < 1000; i++) {
          const page = await fetchModelOrders(db.prisma, ALL, model, f, list({ sort, dir, cursor }), size);
          expect(page.rows.length).toBeLessThanOrEqual(size);
          forward.push(...page.rows.map((r) => r.order_id));
          pages.push({ prev: page.prev, next: page.next, first: page.rows[0]!.order_id });
          if (i === 0) expect(page.prev).toBeNull();
          else expect(page.prev).not.toBeNull();
          if (!page.next) break;
          const parsed = parseCursor(page.next, sort);
          if (typeof parsed === "string") throw new Error(parsed);
          cursor = { direction: "after", ...parsed };
        }
        expect(forward).toEqual(expected.map((r) => asText(r.order_id)));
        // Back from the last page, page by page, to the first.
        for (let i = pages.length - 1; i > 0; i--) {
          const parsed = parseCursor(pages[i]!.prev!, sort);
          if (typeof parsed === "string") throw new Error(parsed);
          const page = await fetchModelOrders(db.prisma, ALL, model, f, list({ sort, dir, cursor: { direction: "before", ...parsed } }), size);
          expect(page.rows[0]!.order_id).toBe(pages[i - 1]!.first);
          expect(page.next).not.toBeNull();
          expect(page.prev === null).toBe(i === 1);
        }
        // Every row's price vs MSRP is the database's.
        const first = await fetchModelOrders(db.prisma, ALL, model, f, list({ sort, dir }), size);
        const byId = new Map(expected.map((r) => [asText(r.order_id), r]));
        for (const row of first.rows) {
          expect(row.vin).toBe(byId.get(row.order_id)!.vin);
          expect(row.price_vs_msrp).toBe(asText(byId.get(row.order_id)!.price_vs_msrp));
        }
      });
    }
  }

  it("breakdowns and order counts from the rollups equal those from the orders themselves", async () => {
    const cases = [
      NO_FILTERS,
      filters({ range: "custom", from: "2023-02-10", to: "2025-08-20" }), // partial first and last months
      filters({ plantIds: [1], channels: ["fleet"] }),
      filters({ regions: ["Europe"], range: "custom", from: "2024-03-15", to: "2024-03-20" }), // days only
    ];
    for (const f of cases) {
      for (const scope of [ALL, plants(1, 2)]) {
        const rollup = await fetchModelBreakdown(db.prisma, scope, model, f, { source: "rollup" });
        expect(rollup).toEqual(await fetchModelBreakdown(db.prisma, scope, model, f, { source: "raw" }));
        for (const m of [null, ...rollup.byMonth.slice(0, 2).map((r) => r.key), "2024-03"]) {
          for (const trim of [null, rollup.byTrim[0]?.key ?? null]) {
            const selection = { trim, month: m };
            const byRollup = await countModelOrders(db.prisma, scope, model, f, selection, { source: "rollup" });
            expect(byRollup).toBe(await countModelOrders(db.prisma, scope, model, f, selection, { source: "raw" }));
            // And the list holds exactly that many orders.
            if (m !== null && trim !== null) {
              const page = await fetchModelOrders(db.prisma, scope, model, f, list(selection), 5_000);
              expect(page.rows).toHaveLength(byRollup);
            }
          }
        }
      }
    }
  });

  it("orders of one trim or one month, counted and listed", async () => {
    const [pick] = await db.query<{ trim: string; month: string }>(
      `SELECT v.trim, to_char(s.sale_date, 'YYYY-MM') AS month FROM salesorders s JOIN vehicles v ON v.vin = s.vin
       WHERE v.model_name = $1 GROUP BY 1, 2 ORDER BY COUNT(*) DESC, 1, 2 LIMIT 1`,
      [model],
    );
    const [n] = await db.query<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM salesorders s JOIN vehicles v ON v.vin = s.vin
       WHERE v.model_name = $1 AND v.trim = $2 AND to_char(s.sale_date, 'YYYY-MM') = $3`,
      [model, pick!.trim, pick!.month],
    );
    const selection = { trim: pick!.trim, month: pick!.month };
    expect(await countModelOrders(db.prisma, ALL, model, NO_FILTERS, selection)).toBe(Number(asText(n!.n)));
    const page = await fetchModelOrders(db.prisma, ALL, model, NO_FILTERS, list(selection), 500);
    expect(page.rows).toHaveLength(Number(asText(n!.n)));
    for (const row of page.rows) {
      expect(row.trim).toBe(pick!.trim);
      expect(row.sale_date.slice(0, 7)).toBe(pick!.month);
    }
    expect(await countModelOrders(db.prisma, plants(), model, NO_FILTERS, selection)).toBe(0);
  });

  it("filter options: plants within the scope, every model and region on record", async () => {
    const options = await fetchFilterOptions(db.prisma, plants(2, 901));
    expect(options.plants.map((p) => p.id).sort()).toEqual([2, 901]);
    const models = await db.query<{ m: string }>(`SELECT DISTINCT model_name AS m FROM vehicles ORDER BY 1`);
    expect(options.models).toEqual(models.map((r) => r.m));
    const regions = await db.query<{ r: string }>(`SELECT DISTINCT region AS r FROM customers ORDER BY 1`);
    expect(options.regions).toEqual(regions.map((r) => r.r));
    expect((await fetchFilterOptions(db.prisma, plants())).plants).toEqual([]);
  });
});
