import type { SqlRunner } from "../lib/db/open";
import { asText } from "../tests/helpers/reference-sql";

/** Figures the filter and drill-down specs compare the pages with, from SQL written here by hand. */
export type FilterExpectations = {
  model: string;
  region: string;
  /** The model's sales through the online channel. */
  online: { units: number; revenue: string; byTrim: Array<{ label: string; units_sold: string; total_revenue: string; vs_msrp: string }> };
  /** The same, online and in `region` only. */
  onlineInRegion: { units: number; revenue: string };
  /** The model's top trim online, and its orders online: VIN → [model, trim, channel]. */
  trim: string;
  trimOrders: number;
  trimByPrice: string[];
  vins: Record<string, [string, string, string]>;
};

export async function filterExpectations(db: SqlRunner): Promise<FilterExpectations> {
  const [top] = await db.query<{ m: string }>(
    `SELECT v.model_name AS m FROM salesorders s JOIN vehicles v ON v.vin = s.vin GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1`,
  );
  const model = top!.m;
  const [reg] = await db.query<{ r: string }>(`SELECT region AS r FROM customers GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1`);
  const region = reg!.r;
  const totals = async (extra: string, params: unknown[]) => {
    const [row] = await db.query<{ n: unknown; v: unknown }>(
      `SELECT COUNT(*) AS n, SUM(s.sale_price) AS v FROM salesorders s JOIN vehicles v ON v.vin = s.vin JOIN customers c ON c.customer_id = s.customer_id
       WHERE v.model_name = $1 AND s.channel = 'online' ${extra}`,
      [model, ...params],
    );
    return { units: Number(asText(row!.n)), revenue: asText(row!.v) };
  };
  const byTrim = await db.query<{ label: string; units_sold: unknown; total_revenue: unknown; vs_msrp: unknown }>(
    `SELECT v.trim AS label, COUNT(*) AS units_sold, SUM(s.sale_price) AS total_revenue, SUM(s.sale_price - v.msrp) AS vs_msrp
     FROM salesorders s JOIN vehicles v ON v.vin = s.vin WHERE v.model_name = $1 AND s.channel = 'online'
     GROUP BY v.trim ORDER BY SUM(s.sale_price) DESC, v.trim`,
    [model],
  );
  const trim = byTrim[0]!.label;
  const byPrice = await db.query<{ vin: string }>(
    `SELECT s.vin FROM salesorders s JOIN vehicles v ON v.vin = s.vin
     WHERE v.model_name = $1 AND v.trim = $2 AND s.channel = 'online' ORDER BY s.sale_price DESC, s.order_id DESC`,
    [model, trim],
  );
  const vins = await db.query<{ vin: string; model_name: string; trim: string; channel: string }>(
    `SELECT s.vin, v.model_name, v.trim, s.channel FROM salesorders s JOIN vehicles v ON v.vin = s.vin WHERE v.model_name = $1`,
    [model],
  );
  return {
    model,
    region,
    online: {
      ...(await totals("", [])),
      byTrim: byTrim.map((r) => ({ label: r.label, units_sold: asText(r.units_sold), total_revenue: asText(r.total_revenue), vs_msrp: asText(r.vs_msrp) })),
    },
    onlineInRegion: await totals("AND c.region = $2", [region]),
    trim,
    trimOrders: byPrice.length,
    trimByPrice: byPrice.map((r) => r.vin.trim()),
    vins: Object.fromEntries(vins.map((r) => [r.vin.trim(), [r.model_name, r.trim, r.channel]])),
  };
}
