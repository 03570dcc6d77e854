import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PLANTS, type PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { type Filters, NO_FILTERS } from "@/lib/filters";
import { fetchRevenueByChannel } from "@/lib/kpi/revenue-by-channel";
import { fetchRevenueByRegion } from "@/lib/kpi/revenue-by-region";
import { fetchRevenueToDate } from "@/lib/kpi/revenue-to-date";
import { fetchSellingPrice } from "@/lib/kpi/selling-price-and-discount";
import { fetchUnitsBuiltVsSold } from "@/lib/kpi/units-built-vs-sold";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { EDGE_MODEL, insertEdgeFixture } from "../helpers/edge-fixture";
import { insertTrickyFixture } from "../helpers/fixtures";
import { asText } from "../helpers/reference-sql";

const ALL: PlantScope = { kind: "all" };
const plants = (...ids: number[]): PlantScope => ({ kind: "plants", plantIds: ids });
const filters = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...(f.from || f.to ? { range: "custom" } : {}), ...f });
const EDGE = filters({ models: [EDGE_MODEL] });

/** Rows of hand-written SQL with every value as the exact text PostgreSQL printed. */
async function sql(db: Database, text: string): Promise<Array<Record<string, string>>> {
  const rows = await db.query<Record<string, unknown>>(text);
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? "" : asText(v)])));
}
const asStrings = <T extends object>(rows: T[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));

// The executive KPIs against numbers added up by hand (the edge fixture) and against
// independent hand-written SQL on generated data, with filters and plant scopes.
describe.each(availableEngines())("executive KPIs (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 5 });
    await db.transaction(async (tx) => {
      await insertTrickyFixture(tx);
      await insertEdgeFixture(tx);
    });
  });
  afterAll(async () => close?.());

  describe("revenue month-to-date and year-to-date vs last year", () => {
    const pick = (rows: Awaited<ReturnType<typeof fetchRevenueToDate>>) =>
      rows.map((r) => [r.period, r.start_date, r.end_date, r.orders, r.revenue, r.last_year_start, r.last_year_end, r.last_year_orders, r.last_year_revenue, r.change, r.change_percent]);

    it("on Feb 28, 2025 (a complete February) against the whole of February 2024, Feb 29 included", async () => {
      expect(pick(await fetchRevenueToDate(db.prisma, ALL, EDGE, { today: "2025-02-28" }))).toEqual([
        ["month-to-date", "2025-02-01", "2025-02-28", 1, "400.40", "2024-02-01", "2024-02-29", 2, "500.50", "-100.10", "-20.00"],
        ["year-to-date", "2025-01-01", "2025-02-28", 2, "1001.00", "2024-01-01", "2024-02-29", 3, "600.60", "400.40", "66.67"],
      ]);
    });

    it("on Feb 27, 2025 against Feb 27, 2024; on Feb 29, 2024 against Feb 28, 2023 (no sales then: no percentage)", async () => {
      expect(pick(await fetchRevenueToDate(db.prisma, ALL, EDGE, { today: "2025-02-27" }))).toEqual([
        ["month-to-date", "2025-02-01", "2025-02-27", 0, "0.00", "2024-02-01", "2024-02-27", 1, "200.20", "-200.20", "-100.00"],
        ["year-to-date", "2025-01-01", "2025-02-27", 1, "600.60", "2024-01-01", "2024-02-27", 2, "300.30", "300.30", "100.00"],
      ]);
      expect(pick(await fetchRevenueToDate(db.prisma, ALL, EDGE, { today: "2024-02-29" }))).toEqual([
        ["month-to-date", "2024-02-01", "2024-02-29", 2, "500.50", "2023-02-01", "2023-02-28", 0, "0.00", "500.50", ""],
        ["year-to-date", "2024-01-01", "2024-02-29", 3, "600.60", "2023-01-01", "2023-02-28", 0, "0.00", "600.60", ""],
      ]);
    });

    it("on Jan 1 counts that day only; the end of the date range moves the as-of day, its start does not apply", async () => {
      const jan1 = await fetchRevenueToDate(db.prisma, ALL, EDGE, { today: "2025-01-01" });
      expect(pick(jan1)[1]).toEqual(["year-to-date", "2025-01-01", "2025-01-01", 1, "600.60", "2024-01-01", "2024-01-01", 0, "0.00", "600.60", ""]);
      const ranged = await fetchRevenueToDate(db.prisma, ALL, filters({ models: [EDGE_MODEL], from: "2025-02-15", to: "2025-02-28" }), { today: "2026-12-01" });
      expect(pick(ranged)).toEqual(pick(await fetchRevenueToDate(db.prisma, ALL, EDGE, { today: "2025-02-28" })));
    });

    it("region, channel and plant scope narrow both years", async () => {
      const north = await fetchRevenueToDate(db.prisma, ALL, filters({ models: [EDGE_MODEL], regions: ["Edge North"] }), { today: "2025-02-28" });
      expect(pick(north).map((r) => r.slice(3, 11))).toEqual([
        [1, "400.40", "2024-02-01", "2024-02-29", 1, "300.30", "100.10", "33.33"],
        [1, "400.40", "2024-01-01", "2024-02-29", 2, "400.40", "0.00", "0.00"],
      ]);
      const dealer = await fetchRevenueToDate(db.prisma, plants(903), filters({ channels: ["dealer"] }), { today: "2025-03-01" });
      expect(dealer.map((r) => [r.revenue, r.last_year_revenue])).toEqual([["500.50", "0.00"], ["500.50", "200.20"]]);
      const elsewhere = await fetchRevenueToDate(db.prisma, plants(1), EDGE, { today: "2025-02-28" });
      expect(elsewhere.map((r) => [r.orders, r.revenue, r.last_year_revenue])).toEqual([[0, "0.00", "0.00"], [0, "0.00", "0.00"]]);
      const none = await fetchRevenueToDate(db.prisma, NO_PLANTS, NO_FILTERS, { today: "2025-02-28" });
      expect(none.map((r) => [r.orders, r.revenue, r.last_year_orders])).toEqual([[0, "0.00", 0], [0, "0.00", 0]]);
    });

    it("equals hand-written SQL on the generated data, filtered and scoped", async () => {
      const f = filters({ regions: ["Europe", "North America"], channels: ["dealer", "online"], plantIds: [1, 2, 3] });
      const kpi = await fetchRevenueToDate(db.prisma, plants(2, 3, 4), f, { today: "2024-06-15" });
      const expected = await sql(
        db,
        `SELECT p.period, count(o.order_id) AS orders, coalesce(sum(o.sale_price), 0) AS revenue
         FROM (VALUES ('mtd', DATE '2024-06-01', DATE '2024-06-15'), ('ytd', DATE '2024-01-01', DATE '2024-06-15'),
                      ('lmtd', DATE '2023-06-01', DATE '2023-06-15'), ('lytd', DATE '2023-01-01', DATE '2023-06-15')) AS p(period, d0, d1)
         LEFT JOIN (
           SELECT s.* FROM salesorders s
           WHERE s.vin IN (SELECT vin FROM vehicles WHERE plant_id IN (2, 3))
             AND s.customer_id IN (SELECT customer_id FROM customers WHERE region IN ('Europe', 'North America'))
             AND s.channel IN ('dealer', 'online')
         ) o ON o.sale_date >= p.d0 AND o.sale_date <= p.d1
         GROUP BY p.period ORDER BY p.period`,
      );
      const by = Object.fromEntries(expected.map((r) => [r.period, r]));
      expect(Number(by.ytd!.orders)).toBeGreaterThan(0);
      expect(Number(by.lytd!.orders)).toBeGreaterThan(0);
      expect(kpi.map((r) => [r.orders, r.revenue, r.last_year_orders, r.last_year_revenue])).toEqual([
        [Number(by.mtd!.orders), by.mtd!.revenue, Number(by.lmtd!.orders), by.lmtd!.revenue],
        [Number(by.ytd!.orders), by.ytd!.revenue, Number(by.lytd!.orders), by.lytd!.revenue],
      ]);
      const [pct] = await sql(db, `SELECT round((${by.ytd!.revenue} - ${by.lytd!.revenue}) / ${by.lytd!.revenue} * 100, 2) AS p`);
      expect(kpi[1]!.change_percent).toBe(pct!.p);
    });
  });

  describe("units built vs units sold", () => {
    it("counts orders on the last and first day of a month in their own months, builds by manufacture month", async () => {
      expect(asStrings(await fetchUnitsBuiltVsSold(db.prisma, ALL, EDGE))).toEqual(
        asStrings([
          { month_year: "2023-12", units_built: 1, units_sold: 0 },
          { month_year: "2024-01", units_built: 1, units_sold: 1 },
          { month_year: "2024-02", units_built: 2, units_sold: 2 },
          { month_year: "2024-12", units_built: 1, units_sold: 1 },
          { month_year: "2025-01", units_built: 1, units_sold: 1 },
          { month_year: "2025-02", units_built: 1, units_sold: 1 },
          { month_year: "2025-03", units_built: 1, units_sold: 1 },
        ]),
      );
    });

    it("the date range applies to each one's own date; region narrows the units sold only", async () => {
      const rows = await fetchUnitsBuiltVsSold(db.prisma, plants(903), filters({ from: "2024-02-01", to: "2025-02-28", regions: ["Edge North"] }));
      expect(rows).toEqual([
        { month_year: "2024-02", units_built: 2, units_sold: 1 },
        { month_year: "2024-12", units_built: 1, units_sold: 1 },
        { month_year: "2025-01", units_built: 1, units_sold: 0 },
        { month_year: "2025-02", units_built: 1, units_sold: 1 },
      ]);
      expect(await fetchUnitsBuiltVsSold(db.prisma, NO_PLANTS)).toEqual([]);
    });

    it("equals hand-written SQL on the generated data, filtered and scoped", async () => {
      const f = filters({ from: "2022-01-01", to: "2023-12-31", models: ["Aero", "Terra"], channels: ["fleet"] });
      const expected = await sql(
        db,
        `WITH months AS (
           SELECT date_trunc('month', manufacture_date)::date AS m FROM vehicles WHERE plant_id IN (1, 3) AND model_name IN ('Aero', 'Terra') AND manufacture_date BETWEEN '2022-01-01' AND '2023-12-31'
           UNION
           SELECT date_trunc('month', s.sale_date)::date FROM salesorders s JOIN vehicles v USING (vin)
           WHERE v.plant_id IN (1, 3) AND v.model_name IN ('Aero', 'Terra') AND s.channel = 'fleet' AND s.sale_date BETWEEN '2022-01-01' AND '2023-12-31'
         )
         SELECT to_char(m, 'YYYY-MM') AS month_year,
           (SELECT count(*) FROM vehicles WHERE plant_id IN (1, 3) AND model_name IN ('Aero', 'Terra') AND date_trunc('month', manufacture_date) = m) AS units_built,
           (SELECT count(*) FROM salesorders s JOIN vehicles v USING (vin) WHERE v.plant_id IN (1, 3) AND v.model_name IN ('Aero', 'Terra') AND s.channel = 'fleet'
              AND date_trunc('month', s.sale_date) = m) AS units_sold
         FROM months ORDER BY m`,
      );
      expect(expected.length).toBe(24);
      expect(asStrings(await fetchUnitsBuiltVsSold(db.prisma, plants(1, 3), f))).toEqual(expected);
    });
  });

  describe("average selling price and discount vs MSRP", () => {
    it("by hand: rounded in SQL to the cent and to basis points, half away from zero, negative above MSRP", async () => {
      const { months, total } = await fetchSellingPrice(db.prisma, ALL, EDGE);
      expect(total).toEqual({ orders: 7, total_revenue: "2802.80", total_msrp: "5700.00", average_selling_price: "400.40", discount_percent: "50.83" });
      const byMonth = Object.fromEntries(months.map((m) => [m.month_year, m]));
      expect(byMonth["2024-02"]).toEqual({ month_year: "2024-02", orders: 2, total_revenue: "500.50", total_msrp: "2000.00", average_selling_price: "250.25", discount_percent: "74.98" });
      expect(byMonth["2025-03"]).toMatchObject({ average_selling_price: "500.50", discount_percent: "-25.13" });
      expect(months.map((m) => m.month_year)).toEqual(["2024-01", "2024-02", "2024-12", "2025-01", "2025-02", "2025-03"]);
      expect(await fetchSellingPrice(db.prisma, NO_PLANTS)).toEqual({ months: [], total: null });
    });

    it("equals hand-written SQL on the generated data, filtered and scoped", async () => {
      const f = filters({ from: "2023-01-01", to: "2024-12-31", regions: ["Europe"] });
      const where = `s.sale_date BETWEEN '2023-01-01' AND '2024-12-31' AND v.plant_id = 2 AND c.region = 'Europe'`;
      const from = `salesorders s, vehicles v, customers c WHERE v.vin = s.vin AND c.customer_id = s.customer_id AND ${where}`;
      const [t] = await sql(
        db,
        `SELECT count(*) AS orders, sum(s.sale_price) AS total_revenue, sum(v.msrp) AS total_msrp,
                round(avg(s.sale_price), 2) AS average_selling_price,
                round(100 * (1 - sum(s.sale_price) / sum(v.msrp)), 2) AS discount_percent
         FROM ${from}`,
      );
      const months = await sql(
        db,
        `SELECT to_char(date_trunc('month', s.sale_date), 'YYYY-MM') AS month_year, count(*) AS orders, sum(s.sale_price) AS total_revenue,
                sum(v.msrp) AS total_msrp, round(avg(s.sale_price), 2) AS average_selling_price,
                round(100 * (1 - sum(s.sale_price) / sum(v.msrp)), 2) AS discount_percent
         FROM ${from} GROUP BY 1 ORDER BY 1`,
      );
      const kpi = await fetchSellingPrice(db.prisma, plants(2), f);
      expect(Number(t!.orders)).toBeGreaterThan(10);
      expect(asStrings([kpi.total!])).toEqual([t]);
      expect(asStrings(kpi.months)).toEqual(months);
    });
  });

  describe("revenue by region and by channel", () => {
    it("by hand", async () => {
      expect(await fetchRevenueByRegion(db.prisma, plants(903))).toEqual([
        { region: "Edge North", orders: 4, total_revenue: "1501.50", revenue_share_percent: "53.57" },
        { region: "Edge South", orders: 3, total_revenue: "1301.30", revenue_share_percent: "46.43" },
      ]);
      expect(await fetchRevenueByChannel(db.prisma, ALL, EDGE)).toEqual([
        { channel: "dealer", orders: 3, total_revenue: "1401.40", revenue_share_percent: "50.00" },
        { channel: "online", orders: 3, total_revenue: "1101.10", revenue_share_percent: "39.29" },
        { channel: "fleet", orders: 1, total_revenue: "300.30", revenue_share_percent: "10.71" },
      ]);
      expect(await fetchRevenueByRegion(db.prisma, NO_PLANTS)).toEqual([]);
      expect(await fetchRevenueByChannel(db.prisma, NO_PLANTS)).toEqual([]);
    });

    it("equal hand-written SQL on the generated data, filtered and scoped", async () => {
      const f = filters({ from: "2024-01-01", to: "2025-06-30", models: ["Metro", "Aero"], plantIds: [1, 4] });
      const base = `FROM salesorders s JOIN customers c ON c.customer_id = s.customer_id
        WHERE s.sale_date >= '2024-01-01' AND s.sale_date < '2025-07-01'
          AND s.vin IN (SELECT vin FROM vehicles WHERE model_name IN ('Metro', 'Aero') AND plant_id = 4)`;
      const regions = await sql(
        db,
        `SELECT c.region, count(*) AS orders, sum(s.sale_price) AS total_revenue,
                round(100 * sum(s.sale_price) / (SELECT sum(s.sale_price) ${base}), 2) AS revenue_share_percent
         ${base} GROUP BY c.region ORDER BY 3 DESC, 1`,
      );
      const channels = await sql(
        db,
        `SELECT s.channel, count(*) AS orders, sum(s.sale_price) AS total_revenue,
                round(100 * sum(s.sale_price) / (SELECT sum(s.sale_price) ${base}), 2) AS revenue_share_percent
         ${base} GROUP BY s.channel ORDER BY 3 DESC, 1`,
      );
      expect(regions.length).toBeGreaterThanOrEqual(3);
      expect(asStrings(await fetchRevenueByRegion(db.prisma, plants(2, 4), f))).toEqual(regions);
      expect(asStrings(await fetchRevenueByChannel(db.prisma, plants(2, 4), f))).toEqual(channels);
    });
  });
});
