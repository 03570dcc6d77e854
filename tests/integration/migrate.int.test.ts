import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/db/migrate";
import { openDatabase, type Database } from "@/lib/db/open";
import { availableEngines, createTestDatabase, type TestDatabase } from "../helpers/databases";

describe.each(availableEngines())("migrations on %s", (engine) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    db = await openDatabase(testDb.config);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.dispose();
  });

  it("applies every committed migration once and records it as Prisma Migrate does", async () => {
    const first = await migrate(db);
    const all = readMigrations().map((m) => m.name);
    expect(first.applied).toEqual(all);
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(all);

    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });

  it("creates the eight contract tables with their exact column names", async () => {
    const columns = await db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name IN
         ('plants','suppliers','parts','inventory','vehicles','customers','salesorders','servicerecords')
       ORDER BY table_name, ordinal_position`,
    );
    const byTable: Record<string, string[]> = {};
    for (const c of columns) (byTable[c.table_name] ??= []).push(c.column_name);
    expect(byTable).toEqual({
      customers: ["customer_id", "name", "email", "region", "segment", "created_at"],
      inventory: ["plant_id", "part_id", "quantity", "reorder_point", "updated_at"],
      parts: ["part_id", "part_number", "name", "category", "supplier_id", "cost"],
      plants: ["plant_id", "name", "city", "country", "annual_capacity"],
      salesorders: ["order_id", "vin", "customer_id", "sale_date", "sale_price", "channel"],
      servicerecords: ["service_id", "vin", "service_date", "service_type", "odometer_km", "cost", "description"],
      suppliers: ["supplier_id", "name", "country", "quality_rating"],
      vehicles: ["vin", "model_name", "trim", "color", "battery_kwh", "plant_id", "manufacture_date", "msrp"],
    });
  });

  it("enforces the contract's constraints in the database", async () => {
    await db.exec(`
      INSERT INTO plants VALUES (1, 'Plant A', 'Austin', 'USA', 100);
      INSERT INTO customers (customer_id, name, email, region, segment) VALUES (1, 'C', 'c@example.com', 'Europe', 'retail');
      INSERT INTO vehicles VALUES ('1HGCM82633A004352', 'Aero', 'Base', 'White', 75.0, 1, '2025-05-10', 45000.00);
    `);
    const rejects = async (sql: string, pattern: RegExp) => {
      await expect(db.exec(sql)).rejects.toThrow(pattern);
    };
    await rejects(`INSERT INTO plants VALUES (2, 'Plant B', 'X', 'Y', 0)`, /plants_annual_capacity_check/);
    await rejects(`INSERT INTO plants VALUES (3, 'Plant A', 'X', 'Y', 10)`, /plants_name_key|duplicate/);
    await rejects(
      `INSERT INTO vehicles VALUES ('IHGCM82633A004352', 'Aero', 'Base', 'White', 75.0, 1, '2025-05-10', 45000.00)`,
      /vehicles_vin_check/,
    );
    await rejects(
      `INSERT INTO vehicles VALUES ('2HGCM82633A004352', 'Aero', 'Base', 'White', 75.0, 99, '2025-05-10', 45000.00)`,
      /vehicles_plant_id_fkey/,
    );
    await rejects(
      `INSERT INTO salesorders VALUES (1, '1HGCM82633A004352', 1, '2025-05-09', 44000.00, 'online')`,
      /before the manufacture_date/,
    );
    await rejects(
      `INSERT INTO salesorders VALUES (1, '1HGCM82633A004352', 1, '2025-05-11', 44000.00, 'mail')`,
      /salesorders_channel_check/,
    );
    await db.exec(`INSERT INTO salesorders VALUES (1, '1HGCM82633A004352', 1, '2025-05-10', 44000.00, 'online')`);
    await rejects(
      `INSERT INTO salesorders VALUES (2, '1HGCM82633A004352', 1, '2025-05-12', 44000.00, 'dealer')`,
      /salesorders_vin_key|duplicate/,
    );
    await rejects(
      `INSERT INTO customers (customer_id, name, email, region, segment) VALUES (2, 'D', 'd@example.com', 'Europe', 'vip')`,
      /customers_segment_check/,
    );
  });

  it("refuses to continue when an applied migration was edited", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "volta-migrations-"));
    try {
      fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const first = readMigrations(dir)[0]!;
      fs.appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- edited\n");
      await expect(migrate(db, { dir })).rejects.toThrow(/changed after it was applied/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rolls a failing migration back completely and reports it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "volta-migrations-"));
    try {
      fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      fs.mkdirSync(path.join(dir, "99990101000000_broken"));
      fs.writeFileSync(
        path.join(dir, "99990101000000_broken", "migration.sql"),
        `CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n`,
      );
      await expect(migrate(db, { dir })).rejects.toThrow(/no_such_table/);
      const leftovers = await db.query<{ t: string | null }>(`SELECT to_regclass('half_done')::text AS t`);
      expect(leftovers[0]?.t).toBeNull();
      const recorded = await db.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`);
      expect(recorded).toHaveLength(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
