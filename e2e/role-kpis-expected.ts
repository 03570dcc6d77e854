import type { Database } from "../lib/db/open";
import { sameDayLastYear } from "../lib/kpi/periods";
import { asText } from "../tests/helpers/reference-sql";

/**
 * What the executive and sales pages must show on the e2e database, from
 * hand-written SQL (not the KPI modules), for the URLs the role-pages spec opens.
 */
export const EXECUTIVE_URL = "/executive?range=custom&from=2025-01-01&to=2026-11-30&region=Europe&region=North+America";
export const SALES_URL = "/sales";
export const SALES_FILTERED_URL = "/sales?plant=2&channel=fleet&channel=online";

export type Rows = Array<Record<string, string>>;
export type RoleKpiExpected = {
  asOf: string;
  executive: { toDate: Rows; builtVsSold: Rows; priceMonths: Rows; priceTotal: Record<string, string>; regions: Rows; channels: Rows };
  sales: { modelShare: Rows; channelMix: Rows; fleetVsRetail: Rows; fleetVsRetailFiltered: Rows };
};

async function rows(db: Database, sql: string): Promise<Rows> {
  const out = await db.query<Record<string, unknown>>(sql);
  return out.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? "" : asText(v)])));
}

export async function roleKpiExpectations(db: Database, today: string): Promise<RoleKpiExpected> {
  const asOf = "2026-11-30" < today ? "2026-11-30" : today;
  const lastYear = sameDayLastYear(asOf);
  const y = Number(asOf.slice(0, 4));
  const m = asOf.slice(5, 7);
  const regionFilter = `customer_id IN (SELECT customer_id FROM customers WHERE region IN ('Europe', 'North America'))`;
  const inRange = `sale_date BETWEEN '2025-01-01' AND '2026-11-30'`;
  const toDate = await rows(
    db,
    `SELECT p.k, coalesce(sum(s.sale_price), 0) AS revenue
     FROM (VALUES ('mtd', DATE '${y}-${m}-01', DATE '${asOf}'), ('lmtd', DATE '${y - 1}-${m}-01', DATE '${lastYear}'),
                  ('ytd', DATE '${y}-01-01', DATE '${asOf}'), ('lytd', DATE '${y - 1}-01-01', DATE '${lastYear}')) p(k, d0, d1)
     LEFT JOIN salesorders s ON s.sale_date BETWEEN p.d0 AND p.d1 AND s.${regionFilter}
     GROUP BY p.k ORDER BY p.k`,
  );
  const builtVsSold = await rows(
    db,
    `SELECT coalesce(b.m, s.m) AS month_year, coalesce(b.n, 0) AS units_built, coalesce(s.n, 0) AS units_sold
     FROM (SELECT to_char(manufacture_date, 'YYYY-MM') m, count(*) n FROM vehicles WHERE manufacture_date BETWEEN '2025-01-01' AND '2026-11-30' GROUP BY 1) b
     FULL JOIN (SELECT to_char(sale_date, 'YYYY-MM') m, count(*) n FROM salesorders WHERE ${inRange} AND ${regionFilter} GROUP BY 1) s ON s.m = b.m`,
  );
  const priceOf = `count(*) AS orders, round(avg(s.sale_price), 2) AS average_selling_price,
                   round((sum(v.msrp) - sum(s.sale_price)) * 100 / sum(v.msrp), 2) AS discount_percent`;
  const priceFrom = `FROM salesorders s JOIN vehicles v ON v.vin = s.vin WHERE s.${inRange} AND s.${regionFilter}`;
  const priceMonths = await rows(db, `SELECT to_char(s.sale_date, 'YYYY-MM') AS month_year, ${priceOf} ${priceFrom} GROUP BY 1`);
  const [priceTotal] = await rows(db, `SELECT ${priceOf} ${priceFrom}`);
  const shareOf = (key: string, from: string) =>
    `SELECT ${key}, count(*) AS orders, sum(s.sale_price) AS total_revenue,
            round(sum(s.sale_price) * 100 / (SELECT sum(s.sale_price) ${from}), 2) AS revenue_share_percent
     ${from} GROUP BY ${key} ORDER BY 3 DESC`;
  const execFrom = `FROM salesorders s JOIN customers c ON c.customer_id = s.customer_id WHERE s.${inRange} AND c.region IN ('Europe', 'North America')`;
  const regions = await rows(db, shareOf("c.region", execFrom));
  const channels = await rows(db, shareOf("s.channel", execFrom));

  const modelShare = await rows(
    db,
    `SELECT o.m AS month_year, o.model_name, count(*) AS units_sold, sum(o.sale_price) AS total_revenue,
            round(sum(o.sale_price) * 100 / (SELECT sum(s2.sale_price) FROM salesorders s2 WHERE to_char(s2.sale_date, 'YYYY-MM') = o.m), 2) AS share_percent
     FROM (SELECT to_char(s.sale_date, 'YYYY-MM') AS m, v.model_name, s.sale_price FROM salesorders s JOIN vehicles v ON v.vin = s.vin) o
     GROUP BY o.m, o.model_name`,
  );
  const channelMix = await rows(
    db,
    `SELECT o.m AS month_year, o.channel, count(*) AS orders, sum(o.sale_price) AS total_revenue,
            round(count(*) * 100.0 / (SELECT count(*) FROM salesorders s2 WHERE to_char(s2.sale_date, 'YYYY-MM') = o.m), 2) AS order_share_percent
     FROM (SELECT to_char(sale_date, 'YYYY-MM') AS m, channel, sale_price FROM salesorders) o
     GROUP BY o.m, o.channel`,
  );
  const segments = (where: string) =>
    rows(
      db,
      `WITH o AS (SELECT c.segment, s.sale_price, v.msrp FROM salesorders s JOIN vehicles v ON v.vin = s.vin JOIN customers c ON c.customer_id = s.customer_id WHERE ${where})
       SELECT segment, count(*) AS orders, sum(sale_price) AS total_revenue, round(avg(sale_price), 2) AS average_selling_price,
              round((sum(msrp) - sum(sale_price)) * 100 / sum(msrp), 2) AS discount_percent,
              round(sum(sale_price) * 100 / (SELECT sum(sale_price) FROM o), 2) AS revenue_share_percent
       FROM o GROUP BY segment ORDER BY segment`,
    );
  return {
    asOf,
    executive: { toDate, builtVsSold, priceMonths, priceTotal: priceTotal!, regions, channels },
    sales: {
      modelShare,
      channelMix,
      fleetVsRetail: await segments("TRUE"),
      fleetVsRetailFiltered: await segments("v.plant_id = 2 AND s.channel IN ('fleet', 'online')"),
    },
  };
}
