import type { SqlRunner } from "@/lib/db/open";
import { asText } from "./reference-sql";

/**
 * Hand-written SQL for the plant-manager and service KPIs, written apart from
 * lib/kpi (other formulations where one exists), for the integration tests and
 * the end-to-end setup to compare with. `plants` null = every plant.
 * Dates are inclusive; null = unbounded.
 */
export type RefOptions = { plants: number[] | null; from?: string | null; to?: string | null; models?: string[] | null };

const text = (rows: Array<Record<string, unknown>>) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : asText(v)])));

function plantList(o: RefOptions): number[] | null {
  return o.plants;
}

/** Inventory value at the end of each month: per stock line, quantity minus the ledger deltas from the next month's first instant in `tz`. */
export async function refInventoryTrend(db: SqlRunner, o: RefOptions & { months: string[]; tz: string }) {
  const out: Array<{ month_year: string; inventory_value: string; movements: string }> = [];
  for (const month of o.months) {
    const [row] = await db.query<Record<string, unknown>>(
      `WITH edge AS (SELECT (($1 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE $2 AS next_start,
                            ($1 || '-01')::timestamp AT TIME ZONE $2 AS start)
       SELECT (SELECT COALESCE(SUM((i.quantity - COALESCE((SELECT SUM(m.quantity_delta) FROM stock_movements m
                                                   WHERE m.plant_id = i.plant_id AND m.part_id = i.part_id AND m.at >= edge.next_start), 0)) * p.cost), 0)
               FROM inventory i JOIN parts p ON p.part_id = i.part_id
               WHERE ($3::int[] IS NULL OR i.plant_id = ANY($3::int[]))) AS inventory_value,
              (SELECT COUNT(*) FROM stock_movements m WHERE m.at >= edge.start AND m.at < edge.next_start
                 AND ($3::int[] IS NULL OR m.plant_id = ANY($3::int[]))) AS movements
       FROM edge`,
      [month, o.tz, plantList(o)],
    );
    out.push({ month_year: month, inventory_value: asText(row!.inventory_value), movements: asText(row!.movements) });
  }
  return out;
}

export async function refInventoryByCategory(db: SqlRunner, o: RefOptions) {
  return text(
    await db.query(
      `SELECT p.category, COUNT(DISTINCT p.part_id) AS parts, SUM(i.quantity) AS units, SUM(p.cost * i.quantity) AS inventory_value
       FROM parts p JOIN inventory i USING (part_id)
       WHERE $1::int[] IS NULL OR i.plant_id = ANY($1::int[])
       GROUP BY p.category ORDER BY 4 DESC, 1`,
      [plantList(o)],
    ),
  );
}

export async function refPartsBelowReorder(db: SqlRunner, o: RefOptions) {
  return text(
    await db.query(
      `SELECT pl.name AS plant_name, p.part_number, i.quantity, i.reorder_point, i.reorder_point - i.quantity AS shortfall,
              p.cost * (i.reorder_point - i.quantity) AS shortfall_value, s.name AS supplier_name, s.quality_rating AS supplier_rating
       FROM inventory i, parts p, suppliers s, plants pl
       WHERE p.part_id = i.part_id AND s.supplier_id = p.supplier_id AND pl.plant_id = i.plant_id
         AND NOT (i.quantity > i.reorder_point)
         AND ($1::int[] IS NULL OR i.plant_id = ANY($1::int[]))
       ORDER BY 6 DESC, 5 DESC, 1, 2`,
      [plantList(o)],
    ),
  );
}

/** Utilisation over an explicit period, day by day: each day of a year is 1/365 (1/366) of the annual capacity. */
export async function refPlantUtilisation(db: SqlRunner, o: RefOptions & { from: string; to: string }) {
  return text(
    await db.query(
      `WITH days AS (
         SELECT d::date AS day FROM generate_series($2::date::timestamp, $3::date::timestamp, interval '1 day') d
       ), plant_month AS (
         SELECT pl.plant_id, pl.name AS plant_name, pl.annual_capacity, to_char(day, 'YYYY-MM') AS month_year,
                COUNT(*) AS days,
                MIN(CASE WHEN extract(year FROM day)::int % 4 = 0 AND (extract(year FROM day)::int % 100 <> 0 OR extract(year FROM day)::int % 400 = 0) THEN 366 ELSE 365 END) AS year_days
         FROM days CROSS JOIN plants pl
         WHERE $1::int[] IS NULL OR pl.plant_id = ANY($1::int[])
         GROUP BY 1, 2, 3, 4
       ), built AS (
         SELECT plant_id, to_char(manufacture_date, 'YYYY-MM') AS month_year, COUNT(*) AS n
         FROM vehicles WHERE manufacture_date >= $2::date AND manufacture_date <= $3::date
         GROUP BY 1, 2
       )
       SELECT pm.plant_name, pm.month_year, pm.days, COALESCE(b.n, 0) AS units_built,
              ROUND(pm.annual_capacity * pm.days::numeric / pm.year_days, 2) AS capacity,
              ROUND(COALESCE(b.n, 0) / (pm.annual_capacity * pm.days::numeric / pm.year_days), 4) AS utilisation
       FROM plant_month pm LEFT JOIN built b ON b.plant_id = pm.plant_id AND b.month_year = pm.month_year
       ORDER BY 1, 2`,
      [plantList(o), o.from, o.to],
    ),
  );
}

export async function refSupplierSpend(db: SqlRunner, o: RefOptions) {
  return text(
    await db.query(
      `SELECT s.name AS supplier_name, s.quality_rating, SUM(i.quantity * p.cost) AS stock_value,
              ROUND(s.quality_rating * SUM(i.quantity * p.cost) / 5, 2) AS quality_weighted_value
       FROM suppliers s JOIN parts p ON p.supplier_id = s.supplier_id JOIN inventory i ON i.part_id = p.part_id
       WHERE $1::int[] IS NULL OR i.plant_id = ANY($1::int[])
       GROUP BY s.supplier_id ORDER BY 3 DESC, 1`,
      [plantList(o)],
    ),
  );
}

/**
 * The service figures: vehicles of each model in view (built in the plants, by the
 * end of the range), visits in the range, months in service counted the
 * calendar way (month difference, minus one when the day of month is not reached yet).
 */
const SERVICE_BASE = `
  WITH fleet AS (
    SELECT v.vin, v.model_name, CASE WHEN s.vin IS NULL THEN v.manufacture_date ELSE s.sale_date END AS start_day
    FROM vehicles v LEFT JOIN salesorders s ON s.vin = v.vin
    WHERE ($1::int[] IS NULL OR v.plant_id = ANY($1::int[]))
      AND ($4::text[] IS NULL OR v.model_name = ANY($4::text[]))
      AND ($3::date IS NULL OR v.manufacture_date <= $3::date)
  ), visit AS (
    SELECT f.vin, f.model_name, r.service_type, r.cost,
           GREATEST(0, (extract(year FROM r.service_date) - extract(year FROM f.start_day)) * 12
                      + extract(month FROM r.service_date) - extract(month FROM f.start_day)
                      - CASE WHEN extract(day FROM r.service_date) < extract(day FROM f.start_day) THEN 1 ELSE 0 END) AS months
    FROM servicerecords r JOIN fleet f ON f.vin = r.vin
    WHERE ($2::date IS NULL OR r.service_date >= $2::date) AND ($3::date IS NULL OR r.service_date <= $3::date)
  ), n AS (SELECT model_name, COUNT(*) AS vehicles FROM fleet GROUP BY 1)`;

function serviceParams(o: RefOptions) {
  return [plantList(o), o.from ?? null, o.to ?? null, o.models ?? null];
}

export async function refServiceByModel(db: SqlRunner, o: RefOptions) {
  return text(
    await db.query(
      `${SERVICE_BASE}
       SELECT n.model_name, n.vehicles,
              (SELECT COUNT(*) FROM visit WHERE visit.model_name = n.model_name) AS visits,
              ROUND((SELECT COUNT(*) FROM visit WHERE visit.model_name = n.model_name) * 1000.0 / n.vehicles, 1) AS visits_per_1000,
              (SELECT COUNT(*) FROM visit WHERE visit.model_name = n.model_name AND service_type = 'warranty') AS warranty_visits,
              (SELECT COALESCE(SUM(cost), 0) FROM visit WHERE visit.model_name = n.model_name AND service_type = 'warranty') AS warranty_cost
       FROM n ORDER BY 1`,
      serviceParams(o),
    ),
  );
}

export async function refServiceByAge(db: SqlRunner, o: RefOptions) {
  return text(
    await db.query(
      `${SERVICE_BASE}
       SELECT visit.model_name, (floor(months / 12) * 12)::int AS months_from, n.vehicles, COUNT(*) AS visits,
              ROUND(COUNT(*) * 1000.0 / n.vehicles, 1) AS visits_per_1000,
              SUM(CASE WHEN service_type = 'warranty' THEN 1 ELSE 0 END) AS warranty_visits
       FROM visit JOIN n ON n.model_name = visit.model_name
       GROUP BY 1, 2, 3 ORDER BY 1, 2`,
      serviceParams(o),
    ),
  );
}

export async function refRepeatRepair(db: SqlRunner, o: RefOptions) {
  return text(
    await db.query(
      `${SERVICE_BASE}
       , per_vehicle AS (SELECT vin, model_name, SUM(CASE WHEN service_type = 'repair' THEN 1 ELSE 0 END) AS repairs FROM visit GROUP BY 1, 2)
       SELECT model_name, SUM(CASE WHEN repairs >= 1 THEN 1 ELSE 0 END) AS repaired_vehicles,
              SUM(CASE WHEN repairs >= 2 THEN 1 ELSE 0 END) AS repeat_vehicles
       FROM per_vehicle GROUP BY 1 HAVING SUM(CASE WHEN repairs >= 1 THEN 1 ELSE 0 END) > 0 ORDER BY 1`,
      serviceParams(o),
    ),
  );
}
