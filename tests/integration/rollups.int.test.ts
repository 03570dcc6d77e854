import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { NO_FILTERS } from "@/lib/filters";
import { fetchMonthlyRevenue } from "@/lib/kpi/monthly-revenue";
import { fetchRevenueByModel } from "@/lib/kpi/revenue-by-model";
import { rebuildSalesRollups } from "@/lib/kpi/rollups";
import { fetchUnitsBuiltVsSold } from "@/lib/kpi/units-built-vs-sold";
import { importCsvFiles, type ImportFile } from "@/lib/ops/import";
import { recordSale } from "@/lib/ops/sales";
import type { TableName } from "@/lib/datagen/tables";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { asText, referenceQueries } from "../helpers/reference-sql";
import { buildRollupDrift, buildRollupSize, rollupDrift, rollupSize } from "../helpers/rollups";

const ALL = { kind: "all" } as const;
const REF = referenceQueries();

function fileOf(table: TableName, text: string): ImportFile {
  const bytes = new TextEncoder().encode(text);
  return {
    name: `${table}.csv`,
    table,
    size: bytes.byteLength,
    async *open() {
      yield bytes;
    },
  };
}

class Rollback extends Error {}

// The rollups against the same sums computed afresh, after every kind of write,
// and the KPIs read from them against the data contract's reference SQL.
describe.each(availableEngines())("sales rollups stay exact (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;

  const expectExact = async () => {
    expect(await rollupDrift(db)).toEqual([]);
    expect(await buildRollupDrift(db)).toEqual([]);
    expect(await fetchUnitsBuiltVsSold(db.prisma, ALL, NO_FILTERS, { source: "rollup" })).toEqual(
      await fetchUnitsBuiltVsSold(db.prisma, ALL, NO_FILTERS, { source: "raw" }),
    );
    const reference = await db.query<{ month_year: string; total_revenue: unknown }>(REF.monthlyRevenue);
    expect(await fetchMonthlyRevenue(db.prisma, ALL)).toEqual(
      reference.map((r) => ({ month_year: r.month_year, total_revenue: asText(r.total_revenue) })),
    );
    const byModel = await db.query<{ model_name: string; units_sold: unknown; total_revenue: unknown }>(REF.revenueByModel);
    const byName = (a: { model_name: string }, b: { model_name: string }) => a.model_name.localeCompare(b.model_name);
    expect([...(await fetchRevenueByModel(db.prisma, ALL))].sort(byName)).toEqual(
      byModel
        .map((r) => ({ model_name: r.model_name, units_sold: Number(asText(r.units_sold)), total_revenue: asText(r.total_revenue) }))
        .sort(byName),
    );
  };

  const unsoldVehicle = async (offset = 0) => {
    const [v] = await db.query<{ vin: string; manufacture_date: string }>(
      `SELECT v.vin, to_char(v.manufacture_date, 'YYYY-MM-DD') AS manufacture_date FROM vehicles v
       WHERE NOT EXISTS (SELECT 1 FROM salesorders s WHERE s.vin = v.vin) ORDER BY v.vin OFFSET $1 LIMIT 1`,
      [offset],
    );
    return v!;
  };

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 5 });
  });
  afterAll(async () => close?.());

  it("the generator's bulk load leaves them exact", async () => {
    const size = await rollupSize(db);
    expect(size.daily).toBeGreaterThan(100);
    expect(size.monthly).toBeGreaterThan(50);
    await expectExact();
  });

  it("a recorded sale is in the KPIs at the next read, and inside its own transaction", async () => {
    const vehicle = await unsoldVehicle();
    const [{ customer_id }] = (await db.query<{ customer_id: number }>(`SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1`)) as [
      { customer_id: number },
    ];
    const month = vehicle.manufacture_date.slice(0, 7);
    const before = (await fetchMonthlyRevenue(db.prisma, ALL)).find((r) => r.month_year === month)?.total_revenue ?? "0.00";

    // Inside the writing transaction the rollup already counts the order; rolled back, nothing remains.
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO salesorders (order_id, vin, customer_id, sale_date, sale_price, channel) VALUES (987654321, $1, $2, $3::date, 0.07, 'online')`,
          [vehicle.vin, customer_id, vehicle.manufacture_date],
        );
        expect(await rollupDrift(tx)).toEqual([]);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await rollupDrift(db)).toEqual([]);

    await recordSale(db, { vin: vehicle.vin, customerId: Number(customer_id), saleDate: vehicle.manufacture_date, salePrice: "41234.57", channel: "dealer" });
    const after = (await fetchMonthlyRevenue(db.prisma, ALL)).find((r) => r.month_year === month)?.total_revenue;
    const cents = (s: string) => BigInt(s.replace(".", ""));
    expect(cents(after!) - cents(before)).toBe(4123457n);
    await expectExact();
  });

  it("multi-row updates and deletes of orders (price, date, channel, customer, vehicle)", async () => {
    await db.exec(`UPDATE salesorders SET sale_price = sale_price + 0.01 WHERE order_id % 5 = 0`);
    await db.exec(`UPDATE salesorders SET sale_date = sale_date + 20 WHERE order_id % 7 = 1`);
    await db.exec(`UPDATE salesorders SET channel = CASE channel WHEN 'online' THEN 'dealer' ELSE 'online' END WHERE order_id % 3 = 2`);
    await db.exec(`UPDATE salesorders SET customer_id = (SELECT min(customer_id) FROM customers) WHERE order_id % 11 = 2`);
    await expectExact();
    // An order moved to another (unsold, older) vehicle.
    const [order] = await db.query<{ order_id: string; sale_date: string }>(
      `SELECT order_id::text, to_char(sale_date, 'YYYY-MM-DD') AS sale_date FROM salesorders ORDER BY sale_date DESC, order_id LIMIT 1`,
    );
    const [target] = await db.query<{ vin: string }>(
      `SELECT v.vin FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM salesorders s WHERE s.vin = v.vin)
       AND v.manufacture_date <= $1::date ORDER BY v.vin LIMIT 1`,
      [order!.sale_date],
    );
    await db.query(`UPDATE salesorders SET vin = $1 WHERE order_id = $2::bigint`, [target!.vin, order!.order_id]);
    await db.exec(`DELETE FROM salesorders WHERE order_id % 13 = 3`);
    // Every order of the busiest day: its keys leave the daily rollup.
    const [{ day }] = (await db.query<{ day: string }>(
      `SELECT to_char(sale_date, 'YYYY-MM-DD') AS day FROM salesorders GROUP BY sale_date ORDER BY count(*) DESC, sale_date LIMIT 1`,
    )) as [{ day: string }];
    await db.query(`DELETE FROM salesorders WHERE sale_date = $1::date`, [day]);
    const [{ n }] = (await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM sales_rollup_daily WHERE sale_date = $1::date`, [day])) as [
      { n: unknown },
    ];
    expect(Number(n)).toBe(0);
    await expectExact();
  });

  it("changes of a sold vehicle's plant, model, trim or MSRP, a customer's region, and renamed keys", async () => {
    await db.exec(
      `UPDATE vehicles SET plant_id = CASE WHEN plant_id = 5 THEN 1 ELSE plant_id + 1 END, msrp = msrp + 0.05
       WHERE vin IN (SELECT vin FROM salesorders ORDER BY order_id LIMIT 40)`,
    );
    await db.exec(`UPDATE vehicles SET model_name = 'Renamed', trim = 'Special' WHERE vin IN (SELECT vin FROM salesorders ORDER BY order_id OFFSET 40 LIMIT 10)`);
    await db.exec(`UPDATE customers SET region = 'Antarctica' WHERE customer_id IN (SELECT customer_id FROM salesorders ORDER BY order_id DESC LIMIT 30)`);
    await expectExact();
    expect((await fetchRevenueByModel(db.prisma, ALL)).find((r) => r.model_name === "Renamed")?.units_sold).toBe(10);
    // Key renames cascade to the orders (ON UPDATE CASCADE): nothing moves.
    await db.exec(`UPDATE vehicles SET vin = 'RLRENAMED00000001' WHERE vin = (SELECT vin FROM salesorders ORDER BY order_id OFFSET 100 LIMIT 1)`);
    await db.exec(`UPDATE customers SET customer_id = 99999999 WHERE customer_id = (SELECT customer_id FROM salesorders ORDER BY order_id OFFSET 200 LIMIT 1)`);
    await expectExact();
  });

  it("imports: new rows, an upsert of orders, and the bulk path into an emptied table", async () => {
    const v1 = await unsoldVehicle(0);
    const v2 = await unsoldVehicle(1);
    const customers = fileOf(
      "customers",
      "customer_id,name,email,region,segment,created_at\n" +
        "88000001,Imported One,imp1@rollups.example,Atlantis,retail,2024-01-01T00:00:00Z\n" +
        "88000002,Imported Two,imp2@rollups.example,Europe,fleet,2024-01-01T00:00:00Z\n",
    );
    const vehicles = fileOf(
      "vehicles",
      "vin,model_name,trim,color,battery_kwh,plant_id,manufacture_date,msrp\nRL000000000000001,Imported,Base,White,75.0,2,2024-02-01,45000.10\n",
    );
    const orders = (price: string, channel: string) =>
      fileOf(
        "salesorders",
        "order_id,vin,customer_id,sale_date,sale_price,channel\n" +
          `88000001,RL000000000000001,88000001,2024-02-29,${price},${channel}\n` +
          `88000002,${v1.vin},88000002,${v1.manufacture_date},${price},${channel}\n` +
          `88000003,${v2.vin},88000001,${v2.manufacture_date},${price},${channel}\n`,
      );
    const first = await importCsvFiles(db, [customers, vehicles, orders("100.01", "online")]);
    expect(first.ok).toBe(true);
    await expectExact();
    expect((await fetchRevenueByModel(db.prisma, ALL)).find((r) => r.model_name === "Imported")).toEqual({
      model_name: "Imported",
      units_sold: 1,
      total_revenue: "100.01",
    });
    const upsert = await importCsvFiles(db, [orders("200.02", "fleet")], { upsert: true });
    expect(upsert.ok).toBe(true);
    await expectExact();

    // All orders out (the rollups follow), then back in through the import's bulk path.
    const csv = (
      await db.query<{ line: string }>(
        `SELECT order_id || ',' || vin || ',' || customer_id || ',' || to_char(sale_date, 'YYYY-MM-DD') || ',' || sale_price || ',' || channel AS line
         FROM salesorders ORDER BY order_id`,
      )
    ).map((r) => r.line);
    const sizeBefore = await rollupSize(db);
    await db.exec(`DELETE FROM salesorders`);
    expect(await rollupSize(db)).toEqual({ daily: 0, monthly: 0 });
    const back = await importCsvFiles(db, [fileOf("salesorders", `order_id,vin,customer_id,sale_date,sale_price,channel\n${csv.join("\n")}\n`)]);
    expect(back.ok).toBe(true);
    expect(await rollupSize(db)).toEqual(sizeBefore);
    await expectExact();
  });

  it("TRUNCATE empties them; the bulk switch stands the triggers aside; the rebuild repairs", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.exec(`TRUNCATE salesorders`);
        expect(await rollupSize(tx)).toEqual({ daily: 0, monthly: 0 });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    await expectExact();

    // Written behind the triggers' back: the rollups drift until rebuilt.
    await db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL volta.rollup_bulk = 'on'`);
      await tx.exec(`UPDATE salesorders SET sale_price = sale_price + 1 WHERE order_id % 4 = 0`);
    });
    expect((await rollupDrift(db)).length).toBeGreaterThan(0);
    const rebuilt = await rebuildSalesRollups(db);
    expect(rebuilt.daily).toBeGreaterThan(100);
    await expectExact();
  });

  it("build rollups: vehicles inserted, moved (plant, model, trim, manufacture date), renamed, deleted, truncated", async () => {
    const sizeBefore = await buildRollupSize(db);
    expect(sizeBefore.daily).toBeGreaterThan(100);
    // Several rows in one statement, some under keys that exist, some under new ones.
    await db.exec(
      `INSERT INTO vehicles (vin, model_name, trim, color, battery_kwh, plant_id, manufacture_date, msrp)
       SELECT 'BR' || lpad(i::text, 15, '0'), CASE WHEN i % 2 = 0 THEN 'Built' ELSE (SELECT min(model_name) FROM vehicles) END,
              'Base', 'White', 75.0, 1 + i % 5, DATE '2024-02-27' + i, 40000 + i
       FROM generate_series(1, 12) AS i`,
    );
    await expectExact();
    expect(await fetchUnitsBuiltVsSold(db.prisma, ALL, { ...NO_FILTERS, models: ["Built"] })).toEqual([
      { month_year: "2024-02", units_built: 1, units_sold: 0 },
      { month_year: "2024-03", units_built: 5, units_sold: 0 },
    ]);
    // Moves of sold and unsold vehicles; a statement changing nothing the rollup keys on.
    await db.exec(`UPDATE vehicles SET plant_id = CASE WHEN plant_id = 5 THEN 1 ELSE plant_id + 1 END WHERE vin IN (SELECT vin FROM vehicles ORDER BY vin LIMIT 25)`);
    await db.exec(`UPDATE vehicles SET model_name = 'Built', trim = 'Moved' WHERE vin IN (SELECT vin FROM vehicles ORDER BY vin DESC LIMIT 15)`);
    await db.exec(`UPDATE vehicles SET manufacture_date = manufacture_date - 45 WHERE vin IN (SELECT vin FROM vehicles ORDER BY vin OFFSET 30 LIMIT 20)`);
    await db.exec(`UPDATE vehicles SET color = 'Black' WHERE vin LIKE 'BR%'`);
    await db.exec(`UPDATE vehicles SET vin = 'BRRENAMED00000001' WHERE vin = 'BR000000000000001'`);
    await expectExact();
    // Deletes, down to every vehicle of a key (its rows leave the rollups).
    await db.exec(`DELETE FROM vehicles WHERE vin LIKE 'BR%'`);
    await db.exec(
      `DELETE FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM salesorders s WHERE s.vin = v.vin)
         AND NOT EXISTS (SELECT 1 FROM servicerecords r WHERE r.vin = v.vin) AND v.vin IN (SELECT vin FROM vehicles ORDER BY vin DESC LIMIT 60)`,
    );
    const [{ n }] = (await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM build_rollup_daily WHERE trim = 'Base' AND model_name = 'Built'`)) as [
      { n: unknown },
    ];
    expect(Number(n)).toBe(0);
    await expectExact();

    // TRUNCATE (with the tables that reference vehicles) empties them, inside its transaction.
    await expect(
      db.transaction(async (tx) => {
        await tx.exec(`TRUNCATE vehicles CASCADE`);
        expect(await buildRollupSize(tx)).toEqual({ daily: 0, monthly: 0 });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    await expectExact();

    // Behind the triggers' back (the bulk switch): drift until the rebuild.
    await db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL volta.rollup_bulk = 'on'`);
      await tx.exec(`UPDATE vehicles SET manufacture_date = manufacture_date - 1 WHERE vin IN (SELECT vin FROM vehicles ORDER BY vin LIMIT 10)`);
    });
    expect((await buildRollupDrift(db)).length).toBeGreaterThan(0);
    const rebuilt = await rebuildSalesRollups(db);
    expect(rebuilt.buildDaily).toBeGreaterThan(100);
    expect(rebuilt.buildMonthly).toBeGreaterThan(10);
    await expectExact();
  });

  it("the generator's --replace reloads everything and rebuilds them", async () => {
    await generateData(db, { scale: 0.02, seed: 9, replace: true });
    expect((await rollupSize(db)).daily).toBeGreaterThan(50);
    expect((await buildRollupSize(db)).daily).toBeGreaterThan(50);
    await expectExact();
  });
});
