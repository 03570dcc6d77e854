import type { SqlRunner } from "@/lib/db/open";

/**
 * Rows where the sales rollups differ from the same sums computed afresh from
 * salesorders, vehicles and customers (both directions, both grains). Empty
 * when the rollups are exact.
 */
export async function rollupDrift(db: Pick<SqlRunner, "query">): Promise<Array<Record<string, unknown>>> {
  return db.query(`
    WITH fresh_daily AS (
      SELECT s.sale_date, v.plant_id, v.model_name, v.trim, c.region, s.channel,
             count(*)::bigint AS orders, sum(s.sale_price) AS revenue, sum(v.msrp) AS msrp_total
      FROM salesorders s JOIN vehicles v ON v.vin = s.vin JOIN customers c ON c.customer_id = s.customer_id
      GROUP BY 1, 2, 3, 4, 5, 6
    ), fresh_monthly AS (
      SELECT date_trunc('month', sale_date)::date AS month, plant_id, model_name, trim, region, channel,
             sum(orders)::bigint AS orders, sum(revenue) AS revenue, sum(msrp_total) AS msrp_total
      FROM fresh_daily GROUP BY 1, 2, 3, 4, 5, 6
    )
    (SELECT 'daily: missing or wrong' AS problem, sale_date::text AS at, plant_id, model_name, trim, region, channel, orders::text, revenue::text
       FROM (SELECT * FROM fresh_daily EXCEPT SELECT sale_date, plant_id, model_name, trim, region, channel, orders, revenue, msrp_total FROM sales_rollup_daily) a)
    UNION ALL
    (SELECT 'daily: extra or wrong', sale_date::text, plant_id, model_name, trim, region, channel, orders::text, revenue::text
       FROM (SELECT sale_date, plant_id, model_name, trim, region, channel, orders, revenue, msrp_total FROM sales_rollup_daily EXCEPT SELECT * FROM fresh_daily) b)
    UNION ALL
    (SELECT 'monthly: missing or wrong', month::text, plant_id, model_name, trim, region, channel, orders::text, revenue::text
       FROM (SELECT * FROM fresh_monthly EXCEPT SELECT month, plant_id, model_name, trim, region, channel, orders, revenue, msrp_total FROM sales_rollup_monthly) c)
    UNION ALL
    (SELECT 'monthly: extra or wrong', month::text, plant_id, model_name, trim, region, channel, orders::text, revenue::text
       FROM (SELECT month, plant_id, model_name, trim, region, channel, orders, revenue, msrp_total FROM sales_rollup_monthly EXCEPT SELECT * FROM fresh_monthly) d)
    ORDER BY 1, 2 LIMIT 20`);
}

/** Rows in the two rollups (a non-empty rollup makes the drift check meaningful). */
export async function rollupSize(db: Pick<SqlRunner, "query">): Promise<{ daily: number; monthly: number }> {
  const [row] = await db.query<{ daily: number | string; monthly: number | string }>(
    `SELECT (SELECT count(*) FROM sales_rollup_daily) AS daily, (SELECT count(*) FROM sales_rollup_monthly) AS monthly`,
  );
  return { daily: Number(row?.daily), monthly: Number(row?.monthly) };
}

/**
 * Rows where the build rollups differ from the vehicles counted afresh (both
 * directions, both grains). Empty when they are exact.
 */
export async function buildRollupDrift(db: Pick<SqlRunner, "query">): Promise<Array<Record<string, unknown>>> {
  return db.query(`
    WITH fresh_daily AS (
      SELECT manufacture_date, plant_id, model_name, trim, count(*)::bigint AS units FROM vehicles GROUP BY 1, 2, 3, 4
    ), fresh_monthly AS (
      SELECT date_trunc('month', manufacture_date)::date AS month, plant_id, model_name, trim, sum(units)::bigint AS units
      FROM fresh_daily GROUP BY 1, 2, 3, 4
    )
    (SELECT 'daily: missing or wrong' AS problem, manufacture_date::text AS at, plant_id, model_name, trim, units::text
       FROM (SELECT * FROM fresh_daily EXCEPT SELECT manufacture_date, plant_id, model_name, trim, units FROM build_rollup_daily) a)
    UNION ALL
    (SELECT 'daily: extra or wrong', manufacture_date::text, plant_id, model_name, trim, units::text
       FROM (SELECT manufacture_date, plant_id, model_name, trim, units FROM build_rollup_daily EXCEPT SELECT * FROM fresh_daily) b)
    UNION ALL
    (SELECT 'monthly: missing or wrong', month::text, plant_id, model_name, trim, units::text
       FROM (SELECT * FROM fresh_monthly EXCEPT SELECT month, plant_id, model_name, trim, units FROM build_rollup_monthly) c)
    UNION ALL
    (SELECT 'monthly: extra or wrong', month::text, plant_id, model_name, trim, units::text
       FROM (SELECT month, plant_id, model_name, trim, units FROM build_rollup_monthly EXCEPT SELECT * FROM fresh_monthly) d)
    ORDER BY 1, 2 LIMIT 20`);
}

/** Rows in the two build rollups. */
export async function buildRollupSize(db: Pick<SqlRunner, "query">): Promise<{ daily: number; monthly: number }> {
  const [row] = await db.query<{ daily: number | string; monthly: number | string }>(
    `SELECT (SELECT count(*) FROM build_rollup_daily) AS daily, (SELECT count(*) FROM build_rollup_monthly) AS monthly`,
  );
  return { daily: Number(row?.daily), monthly: Number(row?.monthly) };
}
