import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PLANTS, type PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { type Filters, NO_FILTERS } from "@/lib/filters";
import { fetchChannelMixByMonth } from "@/lib/kpi/channel-mix-by-month";
import { fetchFleetVsRetail } from "@/lib/kpi/fleet-vs-retail";
import { fetchModelShareByMonth } from "@/lib/kpi/model-share-by-month";
import { sumMoney } from "@/lib/kpi/values";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { EDGE_MODEL, insertEdgeFixture } from "../helpers/edge-fixture";
import { asText } from "../helpers/reference-sql";

const ALL: PlantScope = { kind: "all" };
const plants = (...ids: number[]): PlantScope => ({ kind: "plants", plantIds: ids });
const filters = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...(f.from || f.to ? { range: "custom" } : {}), ...f });

async function sql(db: Database, text: string): Promise<Array<Record<string, string>>> {
  const rows = await db.query<Record<string, unknown>>(text);
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? "" : asText(v)])));
}
const asStrings = <T extends object>(rows: T[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));

// The sales KPIs against numbers added up by hand (the edge fixture) and against
// independent hand-written SQL on generated data, with filters and plant scopes.
describe.each(availableEngines())("sales KPIs (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 9 });
    await db.transaction((tx) => insertEdgeFixture(tx));
  });
  afterAll(async () => close?.());

  describe("model share over time", () => {
    it("by hand: orders on a month's last and first day land in their own months", async () => {
      const rows = await fetchModelShareByMonth(db.prisma, plants(903), filters({ from: "2024-01-31", to: "2024-02-29" }));
      expect(rows).toEqual([
        { month_year: "2024-01", model_name: EDGE_MODEL, units_sold: 1, total_revenue: "100.10", share_percent: "100.00" },
        { month_year: "2024-02", model_name: EDGE_MODEL, units_sold: 2, total_revenue: "500.50", share_percent: "100.00" },
      ]);
      expect(await fetchModelShareByMonth(db.prisma, NO_PLANTS)).toEqual([]);
    });

    it("equals hand-written SQL, filtered and scoped; each month's shares add up to about 100 and revenue exactly to the month's", async () => {
      const f = filters({ from: "2023-07-01", to: "2024-06-30", channels: ["online", "fleet"], regions: ["Europe", "Asia Pacific", "North America"] });
      const expected = await sql(
        db,
        `WITH o AS (
           SELECT date_trunc('month', s.sale_date) AS m, v.model_name, s.sale_price
           FROM salesorders s JOIN vehicles v ON v.vin = s.vin
           WHERE v.plant_id IN (1, 2, 5) AND s.channel IN ('online', 'fleet')
             AND s.customer_id IN (SELECT customer_id FROM customers WHERE region IN ('Europe', 'Asia Pacific', 'North America'))
             AND s.sale_date BETWEEN '2023-07-01' AND '2024-06-30'
         ), months AS (SELECT m, sum(sale_price) AS month_revenue FROM o GROUP BY m)
         SELECT to_char(o.m, 'YYYY-MM') AS month_year, o.model_name, count(*) AS units_sold, sum(o.sale_price) AS total_revenue,
                round(sum(o.sale_price) / min(months.month_revenue) * 100, 2) AS share_percent
         FROM o JOIN months ON months.m = o.m
         GROUP BY o.m, o.model_name ORDER BY o.m, o.model_name`,
      );
      expect(expected.length).toBeGreaterThan(12);
      const rows = await fetchModelShareByMonth(db.prisma, plants(1, 2, 5), f);
      expect(asStrings(rows)).toEqual(expected);
      const months = await sql(
        db,
        `SELECT to_char(s.sale_date, 'YYYY-MM') AS m, sum(s.sale_price) AS v FROM salesorders s JOIN vehicles v ON v.vin = s.vin
         WHERE v.plant_id IN (1, 2, 5) AND s.channel IN ('online', 'fleet')
           AND s.customer_id IN (SELECT customer_id FROM customers WHERE region IN ('Europe', 'Asia Pacific', 'North America'))
           AND s.sale_date BETWEEN '2023-07-01' AND '2024-06-30' GROUP BY 1 ORDER BY 1`,
      );
      for (const { m, v } of months) {
        const inMonth = rows.filter((r) => r.month_year === m);
        expect(sumMoney(inMonth.map((r) => r.total_revenue))).toBe(v);
        expect(Math.abs(inMonth.reduce((t, r) => t + Number(r.share_percent), 0) - 100)).toBeLessThanOrEqual(0.01 * inMonth.length);
      }
    });
  });

  describe("channel mix over time", () => {
    it("by hand", async () => {
      expect(await fetchChannelMixByMonth(db.prisma, ALL, filters({ models: [EDGE_MODEL], from: "2024-02-01", to: "2025-01-31" }))).toEqual([
        { month_year: "2024-02", channel: "dealer", orders: 1, total_revenue: "200.20", order_share_percent: "50.00" },
        { month_year: "2024-02", channel: "fleet", orders: 1, total_revenue: "300.30", order_share_percent: "50.00" },
        { month_year: "2024-12", channel: "dealer", orders: 1, total_revenue: "700.70", order_share_percent: "100.00" },
        { month_year: "2025-01", channel: "online", orders: 1, total_revenue: "600.60", order_share_percent: "100.00" },
      ]);
      expect(await fetchChannelMixByMonth(db.prisma, NO_PLANTS)).toEqual([]);
    });

    it("equals hand-written SQL, filtered and scoped", async () => {
      const f = filters({ from: "2022-01-01", to: "2024-12-31", models: ["Terra", "Metro"], plantIds: [3, 4] });
      const expected = await sql(
        db,
        `SELECT to_char(o.m, 'YYYY-MM') AS month_year, o.channel, count(*) AS orders, sum(o.sale_price) AS total_revenue,
                round(100.0 * count(*) / (SELECT count(*) FROM salesorders s2 JOIN vehicles v2 ON v2.vin = s2.vin
                   WHERE v2.plant_id = 3 AND v2.model_name IN ('Terra', 'Metro') AND date_trunc('month', s2.sale_date) = o.m), 2) AS order_share_percent
         FROM (SELECT date_trunc('month', s.sale_date) AS m, s.channel, s.sale_price FROM salesorders s JOIN vehicles v ON v.vin = s.vin
               WHERE v.plant_id = 3 AND v.model_name IN ('Terra', 'Metro') AND s.sale_date BETWEEN '2022-01-01' AND '2024-12-31') o
         GROUP BY o.m, o.channel ORDER BY 1, 2`,
      );
      expect(expected.length).toBeGreaterThan(10);
      expect(asStrings(await fetchChannelMixByMonth(db.prisma, plants(1, 3), f))).toEqual(expected);
    });
  });

  describe("fleet vs retail", () => {
    it("by hand", async () => {
      expect(await fetchFleetVsRetail(db.prisma, ALL, filters({ models: [EDGE_MODEL] }))).toEqual([
        { segment: "fleet", orders: 2, total_revenue: "800.80", average_selling_price: "400.40", discount_percent: "42.80", revenue_share_percent: "28.57" },
        { segment: "retail", orders: 5, total_revenue: "2002.00", average_selling_price: "400.40", discount_percent: "53.44", revenue_share_percent: "71.43" },
      ]);
      // The last day of February 2024 (a leap day) is inside a range ending then, the first of March outside one starting then.
      const feb = await fetchFleetVsRetail(db.prisma, plants(903), filters({ from: "2024-02-29", to: "2024-02-29" }));
      expect(feb.map((r) => [r.segment, r.orders])).toEqual([["fleet", 1]]);
      expect(await fetchFleetVsRetail(db.prisma, NO_PLANTS)).toEqual([]);
    });

    it("equals hand-written SQL, filtered and scoped", async () => {
      const f = filters({ from: "2021-06-01", to: "2025-05-31", channels: ["dealer", "fleet"] });
      const expected = await sql(
        db,
        `WITH o AS (
           SELECT c.segment, s.sale_price, v.msrp FROM salesorders s, vehicles v, customers c
           WHERE v.vin = s.vin AND c.customer_id = s.customer_id AND v.plant_id IN (2, 4)
             AND s.channel IN ('dealer', 'fleet') AND s.sale_date BETWEEN '2021-06-01' AND '2025-05-31'
         )
         SELECT segment, count(*) AS orders, sum(sale_price) AS total_revenue, round(avg(sale_price), 2) AS average_selling_price,
                round(100 * (sum(msrp) - sum(sale_price)) / sum(msrp), 2) AS discount_percent,
                round(100 * sum(sale_price) / (SELECT sum(sale_price) FROM o), 2) AS revenue_share_percent
         FROM o GROUP BY segment ORDER BY segment`,
      );
      expect(expected.map((r) => r.segment)).toEqual(["fleet", "retail"]);
      expect(asStrings(await fetchFleetVsRetail(db.prisma, plants(2, 4), f))).toEqual(expected);
    });
  });
});
