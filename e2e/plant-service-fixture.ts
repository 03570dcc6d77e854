import type { SqlRunner } from "../lib/db/open";
import {
  refInventoryByCategory,
  refInventoryTrend,
  refPartsBelowReorder,
  refRepeatRepair,
  refServiceByModel,
  refSupplierSpend,
} from "../tests/helpers/plant-service-reference";

/**
 * A year of stock-ledger history at plants 1 and 2 (the generator writes none):
 * receipts in even months, smaller consumptions in odd ones, at noon UTC on the
 * 10th (far from any month edge), and the stock moved by the same amounts, so
 * that the ledger explains today's stock and the trend has a shape.
 */
export async function seedLedgerHistory(db: SqlRunner): Promise<void> {
  await db.exec(`
    CREATE TEMP TABLE seeded AS
    SELECT i.plant_id, i.part_id, k,
           (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => k) + interval '9 days 12 hours') AT TIME ZONE 'UTC' AS at,
           CASE WHEN k % 2 = 0 THEN 20 + (i.part_id * 7 + k * 13) % 31 ELSE -(1 + (i.part_id * 5 + k) % 15) END AS delta
    FROM (SELECT plant_id, part_id, row_number() OVER (PARTITION BY plant_id ORDER BY part_id) AS n FROM inventory WHERE plant_id IN (1, 2)) i
    CROSS JOIN generate_series(1, 11) AS k
    WHERE i.n <= 80;
    INSERT INTO stock_movements (at, plant_id, part_id, kind, quantity_delta, reason)
    SELECT at, plant_id, part_id, CASE WHEN delta > 0 THEN 'receive' ELSE 'consume' END, delta, NULL FROM seeded ORDER BY at, plant_id, part_id;
    UPDATE inventory i SET quantity = i.quantity + s.total
    FROM (SELECT plant_id, part_id, SUM(delta) AS total FROM seeded GROUP BY 1, 2) s
    WHERE s.plant_id = i.plant_id AND s.part_id = i.part_id;
    DROP TABLE seeded;
  `);
}

export type PlantServiceExpected = Awaited<ReturnType<typeof plantServiceExpected>>;

/** The hand-written SQL's answers for the demo plant manager's plant (1) and company-wide, as the pages show them unfiltered. */
export async function plantServiceExpected(db: SqlRunner) {
  const now = new Date();
  const months = Array.from({ length: 12 }, (_, k) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + k, 1));
    return d.toISOString().slice(0, 7);
  });
  const [period] = await db.query<{ first_day: string; last_day: string; units: unknown; capacity: unknown }>(
    `WITH p AS (
       SELECT date_trunc('month', MIN(manufacture_date))::date AS first_day,
              GREATEST((now() AT TIME ZONE 'UTC')::date, MAX(manufacture_date)) AS last_day
       FROM vehicles WHERE plant_id = 1
     ), years AS (
       SELECT y, GREATEST(p.first_day, make_date(y, 1, 1)) AS d0, LEAST(p.last_day, make_date(y, 12, 31)) AS d1,
              make_date(y + 1, 1, 1) - make_date(y, 1, 1) AS yd
       FROM p, generate_series(extract(year FROM p.first_day)::int, extract(year FROM p.last_day)::int) AS y
     )
     SELECT to_char(p.first_day, 'YYYY-MM-DD') AS first_day, to_char(p.last_day, 'YYYY-MM-DD') AS last_day,
            (SELECT COUNT(*) FROM vehicles v WHERE v.plant_id = 1) AS units,
            (SELECT ROUND(SUM(pl.annual_capacity::numeric * (d1 - d0 + 1) / yd), 2) FROM years, plants pl WHERE pl.plant_id = 1) AS capacity
     FROM p`,
  );
  const text = (v: unknown) => String(v);
  return {
    plant1: {
      trend: await refInventoryTrend(db, { plants: [1], months, tz: "UTC" }),
      byCategory: await refInventoryByCategory(db, { plants: [1] }),
      belowReorder: await refPartsBelowReorder(db, { plants: [1] }),
      supplierSpend: await refSupplierSpend(db, { plants: [1] }),
      utilisation: { first_day: period!.first_day, last_day: period!.last_day, units_built: text(period!.units), capacity: text(period!.capacity) },
      serviceByModel: await refServiceByModel(db, { plants: [1] }),
      repeatRepair: await refRepeatRepair(db, { plants: [1] }),
    },
    all: {
      serviceByModel: await refServiceByModel(db, { plants: null }),
      repeatRepair: await refRepeatRepair(db, { plants: null }),
    },
  };
}
