import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenForDataChanges, ResultCache } from "@/lib/cache/results";
import type { Database } from "@/lib/db/open";
import { fetchMonthlyRevenue } from "@/lib/kpi/monthly-revenue";
import { recordSale } from "@/lib/ops/sales";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { insertTrickyFixture } from "../helpers/fixtures";

/** Waits until `check` holds (a notification arrives asynchronously, within milliseconds). */
async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

const ALL = { kind: "all" } as const;

describe.each(availableEngines())("the dashboards' result cache on a real database (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let cache: ResultCache;
  let stop: () => Promise<void>;
  const monthly = () => cache.get("monthly revenue", () => fetchMonthlyRevenue(db.prisma, ALL));

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await insertTrickyFixture(db);
    cache = new ResultCache();
    stop = await listenForDataChanges(db, cache);
  }, 180_000);
  afterAll(async () => {
    await stop?.();
    await close?.();
  });

  it("serves the KPI from memory until a sale commits, then shows the sale", async () => {
    expect(cache.listening).toBe(true);
    const before = await monthly();
    expect(await monthly()).toBe(before); // the same object: no second query
    const generation = cache.generation;

    await db.exec(`
      INSERT INTO vehicles (vin, model_name, trim, color, battery_kwh, plant_id, manufacture_date, msrp)
        VALUES ('FX0000000000000B1', 'Fixture One', 'Base', 'Grey', 60.5, 901, '2024-12-01', 40000.10)`);
    await eventually(() => cache.generation !== generation);
    await recordSale(db, { vin: "FX0000000000000B1", customerId: 9000901, saleDate: "2024-12-15", salePrice: "1000.01", channel: "online" });
    await eventually(() => cache.size === 0);

    const after = await monthly();
    expect(after).toEqual(await fetchMonthlyRevenue(db.prisma, ALL));
    const december = (rows: typeof after) => rows.find((r) => r.month_year === "2024-12")?.total_revenue;
    expect(december(before)).toBe("33333.45");
    expect(december(after)).toBe("34333.46");
  });

  it("a write that rolls back changes nothing and announces nothing", async () => {
    await monthly();
    const generation = cache.generation;
    await db.exec(`BEGIN; UPDATE parts SET cost = cost + 1 WHERE part_id = 901; ROLLBACK;`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(cache.generation).toBe(generation);
    expect(cache.size).toBe(1);
  });

  it("a stock write keeps the sales results and drops the stock results", async () => {
    const sales = ["plants", "vehicles", "customers", "salesorders"];
    const revenue = await cache.get("revenue (sales tables)", () => fetchMonthlyRevenue(db.prisma, ALL), sales);
    await cache.get("stock", async () => "stock before");
    const generation = cache.generation;
    await db.exec(`UPDATE inventory SET quantity = quantity + 1 WHERE plant_id = 901 AND part_id = 901`);
    await eventually(() => cache.generation !== generation);
    expect(await cache.get("revenue (sales tables)", () => fetchMonthlyRevenue(db.prisma, ALL), sales)).toBe(revenue);
    expect(await cache.get("stock", async () => "stock after")).toBe("stock after");
  });

  it.runIf(engine === "postgres")("a write by another process (its own connection, plain SQL) reaches the cache", async () => {
    await monthly();
    const generation = cache.generation;
    const other = new pg.Client({ connectionString: (db.config as { url: string }).url });
    await other.connect();
    try {
      await other.query(`UPDATE salesorders SET sale_price = sale_price + 0.01 WHERE order_id = 900000001`);
    } finally {
      await other.end();
    }
    await eventually(() => cache.generation !== generation && cache.size === 0);
    const rows = await monthly();
    expect(rows.find((r) => r.month_year === "2024-12")?.total_revenue).toBe("34333.47");
  });

  it.runIf(engine === "postgres")("is off while its connection is down, and on again (emptied) once it is back", async () => {
    const url = (db.config as { url: string }).url;
    const local = new ResultCache();
    const stopLocal = await listenForDataChanges(db, local, { reconnectMs: 50 });
    try {
      expect(local.listening).toBe(true);
      await local.get("k", async () => "kept");
      expect(local.size).toBe(1);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        // The listener is the only connection in this database waiting for notifications.
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'`,
        );
      } finally {
        await admin.end();
      }
      await eventually(() => !local.listening);
      expect(local.size).toBe(0);
      let reads = 0;
      await local.get("k", async () => ++reads);
      await local.get("k", async () => ++reads);
      expect(reads).toBe(2); // nothing kept while a change could go unannounced
      await eventually(() => local.listening);
      expect(local.size).toBe(0);
    } finally {
      await stopLocal();
    }
  });
});
