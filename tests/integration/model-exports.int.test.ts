import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { csvStream } from "@/lib/export/csv-stream";
import { type Filters, NO_FILTERS } from "@/lib/filters";
import type { OrderListParams } from "@/lib/filters/drill";
import { BREAKDOWN_EXPORT_COLUMNS, BREAKDOWN_EXPORTS, breakdownExportRows, fetchModelBreakdown } from "@/lib/kpi/model-breakdown";
import { MODEL_ORDER_COLUMNS, type ModelOrderRow, modelOrderPages } from "@/lib/kpi/model-orders";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { insertTrickyFixture } from "../helpers/fixtures";
import { asText } from "../helpers/reference-sql";

const ALL: PlantScope = { kind: "all" };
const plants = (...ids: number[]): PlantScope => ({ kind: "plants", plantIds: ids });
const filters = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...f });
type Selection = Omit<OrderListParams, "cursor">;
const selection = (s: Partial<Selection> = {}): Selection => ({ trim: null, month: null, sort: "date", dir: "desc", ...s });

async function collect<T>(pages: AsyncIterable<T[]>): Promise<{ rows: T[]; sizes: number[] }> {
  const rows: T[] = [];
  const sizes: number[] = [];
  for await (const page of pages) {
    sizes.push(page.length);
    rows.push(...page);
  }
  return { rows, sizes };
}

// The drill-down's exports against independent hand-written SQL on the same data:
// every order of a selection, in the list's order, read in small keyset pages;
// each breakdown card's rows.
describe.each(availableEngines())("model drill-down exports (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let model: string;
  let trim: string;
  let month: string;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 11 });
    await db.transaction((tx) => insertTrickyFixture(tx));
    const [top] = await db.query<{ model_name: string }>(
      `SELECT v.model_name FROM salesorders s JOIN vehicles v ON v.vin = s.vin GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1`,
    );
    model = top!.model_name;
    const [t] = await db.query<{ trim: string }>(
      `SELECT v.trim FROM salesorders s JOIN vehicles v ON v.vin = s.vin WHERE v.model_name = $1 GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1`,
      [model],
    );
    trim = t!.trim;
    const [m] = await db.query<{ month: string }>(
      `SELECT to_char(s.sale_date, 'YYYY-MM') AS month FROM salesorders s JOIN vehicles v ON v.vin = s.vin
       WHERE v.model_name = $1 GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1`,
      [model],
    );
    month = m!.month;
  });
  afterAll(async () => close?.());

  /** The order list by hand: old-style joins, the conditions written out, ORDER BY over all rows. */
  async function ordersByHand(where: string, orderBy: string, params: unknown[]): Promise<ModelOrderRow[]> {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT s.order_id::text AS order_id, s.vin, to_char(s.sale_date, 'YYYY-MM-DD') AS sale_date, v.trim,
              pl.name AS plant_name, c.region, s.channel,
              s.sale_price::text AS sale_price, v.msrp::text AS msrp, (s.sale_price - v.msrp)::text AS price_vs_msrp
       FROM salesorders s, vehicles v, customers c, plants pl
       WHERE s.vin = v.vin AND c.customer_id = s.customer_id AND pl.plant_id = v.plant_id AND ${where}
       ORDER BY ${orderBy}`,
      params,
    );
    return rows.map((r) => Object.fromEntries(MODEL_ORDER_COLUMNS.map((c) => [c, asText(r[c])])) as ModelOrderRow);
  }

  const cases: Array<{ name: string; scope: PlantScope; filters: Filters; selection: Selection; where: string; orderBy: string; params: () => unknown[] }> = [
    {
      name: "newest sale first, dealer and fleet in 2022–2025, every plant",
      scope: ALL,
      filters: filters({ range: "custom", from: "2022-01-01", to: "2025-12-31", channels: ["dealer", "fleet"] }),
      selection: selection(),
      where: `v.model_name = $1 AND s.sale_date >= DATE '2022-01-01' AND s.sale_date <= DATE '2025-12-31' AND s.channel IN ('dealer', 'fleet')`,
      orderBy: `s.sale_date DESC, s.order_id DESC`,
      params: () => [model],
    },
    {
      name: "lowest price first, one trim, plants 1 and 2 only",
      scope: plants(1, 2),
      filters: NO_FILTERS,
      selection: selection({ trim: "", sort: "price", dir: "asc" }),
      where: `v.model_name = $1 AND v.trim = $2 AND v.plant_id IN (1, 2)`,
      orderBy: `s.sale_price ASC, s.order_id ASC`,
      params: () => [model, trim],
    },
    {
      name: "largest discount first, Europe and North America, plant 1 only, a plant filter that reaches outside the scope",
      scope: plants(1),
      filters: filters({ regions: ["Europe", "North America"], plantIds: [1, 3] }),
      selection: selection({ sort: "discount", dir: "desc" }),
      where: `v.model_name = $1 AND v.plant_id = 1 AND c.region IN ('Europe', 'North America')`,
      orderBy: `(v.msrp - s.sale_price) DESC, s.order_id DESC`,
      params: () => [model],
    },
    {
      name: "oldest sale first within one month of sale",
      scope: ALL,
      filters: NO_FILTERS,
      selection: selection({ month: "", dir: "asc" }),
      where: `v.model_name = $1 AND to_char(s.sale_date, 'YYYY-MM') = $2`,
      orderBy: `s.sale_date ASC, s.order_id ASC`,
      params: () => [model, month],
    },
  ];

  for (const c of cases) {
    it(`orders export in pages of 7 = hand-written SQL: ${c.name}`, async () => {
      // "" stands for the busiest trim or month, found at setup.
      const sel = { ...c.selection, trim: c.selection.trim === "" ? trim : c.selection.trim, month: c.selection.month === "" ? month : c.selection.month };
      const expected = await ordersByHand(c.where, c.orderBy, c.params());
      expect(expected.length).toBeGreaterThan(7); // more than one page
      const { rows, sizes } = await collect(modelOrderPages(db.prisma, c.scope, model, c.filters, sel, 7));
      expect(rows).toEqual(expected);
      expect(sizes.slice(0, -1).every((n) => n === 7)).toBe(true);
      expect(sizes.at(-1)!).toBeGreaterThan(0);
      expect(sizes.at(-1)!).toBeLessThanOrEqual(7);
      // Whatever the page size, the same rows.
      expect((await collect(modelOrderPages(db.prisma, c.scope, model, c.filters, sel, 5_000))).rows).toEqual(expected);
    });
  }

  it("orders export: an exact multiple of the page size ends without an empty page; an empty scope yields nothing", async () => {
    const expected = await ordersByHand(`v.model_name = $1 AND v.plant_id IN (1, 2)`, `s.sale_date DESC, s.order_id DESC`, [model]);
    const size = expected.length % 2 === 0 ? expected.length / 2 : expected.length;
    const { rows, sizes } = await collect(modelOrderPages(db.prisma, plants(1, 2), model, NO_FILTERS, selection(), size));
    expect(rows).toEqual(expected);
    expect(sizes.every((n) => n === size)).toBe(true);
    expect((await collect(modelOrderPages(db.prisma, plants(), model, NO_FILTERS, selection(), 7))).sizes).toEqual([]);
    expect((await collect(modelOrderPages(db.prisma, ALL, "x' OR '1'='1", NO_FILTERS, selection(), 7))).sizes).toEqual([]);
    await expect(collect(modelOrderPages(db.prisma, ALL, model, NO_FILTERS, selection(), 0))).rejects.toThrow(/page size/);
  });

  it("orders export: the CSV stream of the pages is the header and one line per order, fields quoted where needed", async () => {
    const sel = selection({ trim, sort: "price", dir: "asc" });
    const expected = await ordersByHand(`v.model_name = $1 AND v.trim = $2`, `s.sale_price ASC, s.order_id ASC`, [model, trim]);
    let audited = -1;
    const text = await new Response(
      csvStream(MODEL_ORDER_COLUMNS, modelOrderPages(db.prisma, ALL, model, NO_FILTERS, sel, 7), (n) => {
        audited = n;
      }),
    ).text();
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(MODEL_ORDER_COLUMNS.join(","));
    expect(lines).toHaveLength(expected.length + 1);
    expect(audited).toBe(expected.length);
    const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    expect(lines.slice(1)).toEqual(expected.map((r) => MODEL_ORDER_COLUMNS.map((c) => quote(r[c])).join(",")));
  });

  /** One breakdown by hand, in the table's order. */
  async function breakdownByHand(dimension: (typeof BREAKDOWN_EXPORTS)[number], where: string, params: unknown[]) {
    const key = { trim: "v.trim", plant: "v.plant_id", region: "c.region", month: "to_char(s.sale_date, 'YYYY-MM')" }[dimension];
    const extra = dimension === "plant" ? ", pl.name" : "";
    const order = dimension === "month" ? `${key} DESC` : `SUM(s.sale_price) DESC, ${dimension === "plant" ? "pl.name" : key}`;
    const rows = await db.query<Record<string, unknown>>(
      `SELECT ${key}::text AS key${extra ? ", pl.name AS plant_name" : ""}, COUNT(*) AS n, SUM(s.sale_price)::text AS revenue,
              (SUM(s.sale_price) - SUM(v.msrp))::text AS vs, SUM(v.msrp)::text AS msrp
       FROM salesorders s, vehicles v, customers c, plants pl
       WHERE s.vin = v.vin AND c.customer_id = s.customer_id AND pl.plant_id = v.plant_id AND ${where}
       GROUP BY ${key}${extra}
       ORDER BY ${order}`,
      params,
    );
    const head = BREAKDOWN_EXPORT_COLUMNS[dimension][0]!;
    return rows.map((r) => ({
      ...(dimension === "plant" ? { plant_id: Number(r.key), plant_name: String(r.plant_name) } : { [head]: String(r.key) }),
      units_sold: Number(asText(r.n)),
      total_revenue: asText(r.revenue),
      vs_msrp: asText(r.vs),
      total_msrp: asText(r.msrp),
    }));
  }

  for (const [name, scope, f, where] of [
    ["every plant, online and dealer in 2023–2025", ALL, filters({ range: "custom", from: "2023-01-01", to: "2025-12-31", channels: ["online", "dealer"] }), `s.sale_date BETWEEN '2023-01-01' AND '2025-12-31' AND s.channel IN ('online', 'dealer')`],
    ["plants 1 and 3 only, Europe", plants(1, 3), filters({ regions: ["Europe"] }), `v.plant_id IN (1, 3) AND c.region = 'Europe'`],
  ] as const) {
    it(`breakdown exports = hand-written SQL, in the table's order: ${name}`, async () => {
      const breakdown = await fetchModelBreakdown(db.prisma, scope, model, f);
      for (const dimension of BREAKDOWN_EXPORTS) {
        const got = breakdownExportRows(breakdown, dimension);
        expect(got.length, dimension).toBeGreaterThan(0);
        expect(got, dimension).toEqual(await breakdownByHand(dimension, `v.model_name = $1 AND ${where}`, [model]));
        for (const row of got) expect(Object.keys(row), dimension).toEqual([...BREAKDOWN_EXPORT_COLUMNS[dimension]]);
      }
    });
  }

  it("breakdown exports of an empty scope are empty", async () => {
    const breakdown = await fetchModelBreakdown(db.prisma, plants(), model);
    for (const dimension of BREAKDOWN_EXPORTS) expect(breakdownExportRows(breakdown, dimension)).toEqual([]);
  });
});
