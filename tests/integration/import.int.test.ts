// The CSV import end to end on each engine: a generated set exported to CSV,
// imported into emptied tables (same content), refused on a second import
// (duplicate keys), accepted with upsert; a set with one error of each kind
// refused with file, line, column and reason and nothing changed; on
// PostgreSQL, an import whose connection is killed half-way leaves nothing.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TABLE_NAMES, type TableName, generateData } from "@/lib/datagen";
import { TABLE_COLUMNS } from "@/lib/datagen/tables";
import { encodeCsvLine } from "@/lib/db/copy";
import type { Database } from "@/lib/db/open";
import { ImportFailedError, type ImportFile, type ImportRejected, importCsvFiles } from "@/lib/ops/import";
import { fieldCheck, validField } from "@/lib/ops/import/direct";
import { type ColumnType, TABLE_SPECS, validExpression } from "@/lib/ops/import/schema";
import { availableEngines, openMigratedTestDatabase, tableCounts } from "../helpers/databases";

const SEED = 7;

const ORDER_BY: Record<TableName, string> = {
  plants: "plant_id",
  suppliers: "supplier_id",
  parts: "part_id",
  inventory: "plant_id, part_id",
  vehicles: "vin",
  customers: "customer_id",
  salesorders: "order_id",
  servicerecords: "service_id",
};

/** A column as text in the export: timestamps in UTC (customers in the T…Z style). */
function exportExpression(table: TableName, column: string): string {
  if (column === "updated_at") return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00'`;
  if (column === "created_at" && table === "customers") return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  return `${column}::text`;
}

async function exportCsv(db: Database, table: TableName): Promise<string> {
  const columns = TABLE_COLUMNS[table];
  const rows = await db.query<Record<string, string | null>>(
    `SELECT ${columns.map((c) => `${exportExpression(table, c)} AS ${c}`).join(", ")} FROM ${table} ORDER BY ${ORDER_BY[table]}`,
  );
  // Columns in a different order than the table's, as the contract allows.
  const order = [...columns].reverse();
  return [order.join(",") + "\n", ...rows.map((r) => encodeCsvLine(order.map((c) => r[c])))].join("");
}

async function checksums(db: Database): Promise<Record<TableName, string>> {
  const out = {} as Record<TableName, string>;
  for (const table of TABLE_NAMES) {
    const columns = TABLE_COLUMNS[table].map((c) => (/_at$/.test(c) ? `extract(epoch from ${c})::text` : `${c}::text`));
    const [row] = await db.query<{ md5: string | null }>(
      `SELECT md5(string_agg(concat_ws('|', ${columns.join(", ")}), ',' ORDER BY ${ORDER_BY[table]})) AS md5 FROM ${table}`,
    );
    out[table] = row?.md5 ?? "empty";
  }
  return out;
}


function fileOf(table: TableName, text: string, chunkSize = 64 * 1024): ImportFile {
  const bytes = new TextEncoder().encode(text);
  return {
    name: `${table}.csv`,
    table,
    size: bytes.byteLength,
    async *open() {
      for (let k = 0; k < bytes.byteLength; k += chunkSize) yield bytes.subarray(k, k + chunkSize);
    },
  };
}

/** Terminates the backend running the staging COPY of servicerecords (it may take a moment to show). */
async function terminateCopy(killer: pg.Client): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { rows } = await killer.query(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ~ '^COPY "(import_)?servicerecords"'`,
    );
    if (rows.length === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the import's COPY never showed in pg_stat_activity");
}

const emptyAll = (db: Database) => db.exec(`TRUNCATE ${TABLE_NAMES.join(", ")} CASCADE`);

describe.each(availableEngines())("CSV import on %s", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let csv: Record<TableName, string>;
  let source: Record<TableName, string>;
  let sourceCounts: Record<TableName, number>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.02, seed: SEED });
    csv = {} as Record<TableName, string>;
    for (const table of TABLE_NAMES) csv[table] = await exportCsv(db, table);
    source = await checksums(db);
    sourceCounts = await tableCounts(db);
    await emptyAll(db);
  });

  afterAll(async () => {
    await close?.();
  });

  const allFiles = () => TABLE_NAMES.map((t) => fileOf(t, csv[t]));

  it("imports a clean set: the same rows as the source", async () => {
    const phases = new Set<string>();
    const result = await importCsvFiles(db, allFiles(), { onProgress: (p) => phases.add(p.phase) });
    expect(result.ok, JSON.stringify(result).slice(0, 2000)).toBe(true);
    if (!result.ok) return;
    expect(result.counts).toEqual(sourceCounts);
    expect(await tableCounts(db)).toEqual(sourceCounts);
    expect(await checksums(db)).toEqual(source);
    expect(phases).toContain("read");
    expect(phases).toContain("commit");
    // Straight into the tables: nothing was staged.
    expect(Object.keys(result.phases)).toContain("copy");
    expect(Object.keys(result.phases)).not.toContain("stage");
  });

  it("refuses to import the same rows again: duplicate keys", async () => {
    const result = await importCsvFiles(db, allFiles(), { maxErrors: 20 });
    expect(result.ok).toBe(false);
    const rejected = result as ImportRejected;
    expect(rejected.rejectedCount).toBe(Object.values(sourceCounts).reduce((a, b) => a + b, 0));
    expect(rejected.rejections).toHaveLength(20);
    expect(rejected.rejections[0]).toEqual({
      file: "plants.csv",
      line: 2,
      column: "plant_id",
      reason: expect.stringMatching(/^duplicate key \(plant_id\)=\(1\): already in the database/),
    });
    expect(await checksums(db)).toEqual(source);
  });

  it("updates the existing rows with upsert", async () => {
    const result = await importCsvFiles(db, allFiles(), { upsert: true });
    expect(result.ok, JSON.stringify(result).slice(0, 2000)).toBe(true);
    expect(await tableCounts(db)).toEqual(sourceCounts);
    expect(await checksums(db)).toEqual(source);

    const [plant] = await db.query<{ plant_id: number; annual_capacity: number }>("SELECT plant_id, annual_capacity FROM plants ORDER BY plant_id LIMIT 1");
    const header = "plant_id,name,city,country,annual_capacity\n";
    const [row] = await db.query<Record<string, string>>(`SELECT plant_id::text, name, city, country FROM plants WHERE plant_id = $1`, [plant!.plant_id]);
    const update = header + encodeCsvLine([row!.plant_id, row!.name, row!.city, row!.country, String(Number(plant!.annual_capacity) + 1)]);
    const upserted = await importCsvFiles(db, [fileOf("plants", update)], { upsert: true });
    expect(upserted.ok).toBe(true);
    const [after] = await db.query<{ annual_capacity: number }>("SELECT annual_capacity FROM plants WHERE plant_id = $1", [plant!.plant_id]);
    expect(Number(after!.annual_capacity)).toBe(Number(plant!.annual_capacity) + 1);
    // Back to the source content.
    const restored = await importCsvFiles(db, [fileOf("plants", csv.plants)], { upsert: true });
    expect(restored.ok).toBe(true);
    expect(await checksums(db)).toEqual(source);
  });

  it("rejects a set with one error of each kind, naming each, and changes nothing", async () => {
    const [vehicle] = await db.query<{ vin: string; manufacture_date: string; plant_id: number }>(
      `SELECT vin, manufacture_date::text AS manufacture_date, plant_id FROM vehicles v
        WHERE NOT EXISTS (SELECT 1 FROM salesorders s WHERE s.vin = v.vin) ORDER BY vin LIMIT 1`,
    );
    const [customer] = await db.query<{ customer_id: number }>("SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1");
    const before = await checksums(db);

    const plants = [
      "plant_id,name,city,country,annual_capacity",
      "901,Test Plant A,Town,Testland,1000", // 2: fine
      "902,Test Plant B,Town,Testland,lots", // 3: not an integer
      "903,Test Plant C,Town,Testland,0", // 4: CHECK annual_capacity > 0
      "901,Test Plant D,Town,Testland,10", // 5: duplicate key in the file
      "1,Test Plant E,Town,Testland,10", // 6: duplicate of an existing row
    ].join("\n");
    const suppliers = [
      "supplier_id,name,country,quality_rating",
      "901,Fine Supplier,Testland,4.50", // 2: fine
      '902,"Bad "quote" Supplier",Testland,4.00', // 3: malformed quoting
      "903,Another Supplier,Testland,3.99", // 4: fine
    ].join("\r\n");
    const vehicles = [
      "vin,model_name,trim,color,battery_kwh,plant_id,manufacture_date,msrp",
      `ABCDEFGHIJKLMNOPQ,Test,Base,Red,75.0,${vehicle!.plant_id},2024-01-02,50000.00`, // 2: bad VIN (I, O, Q)
      `1TEST000000000001,Test,Base,Red,75.0,999,2024-01-02,50000.00`, // 3: unknown plant
      `1TEST000000000002,Test,Base,Red,75.0,901,2024-01-02,50000.00`, // 4: plant from plants.csv: fine
    ].join("\n");
    const customers = "customer_id,name,email,region,segment,created_at,nickname\n901,A,a@example.com,EU,retail,2024-01-01T00:00:00Z,x\n";
    const dayBefore = new Date(Date.parse(`${vehicle!.manufacture_date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const salesorders = [
      "order_id,vin,customer_id,sale_date,sale_price,channel",
      `900000001,1TEST000000000002,${customer!.customer_id},2024-02-01,100.005,online`, // 2: three decimals
      `900000002,${vehicle!.vin},${customer!.customer_id},${dayBefore},45000.00,dealer`, // 3: sold before it was built
    ].join("\n");

    const result = await importCsvFiles(db, [
      fileOf("salesorders", salesorders),
      fileOf("plants", plants),
      fileOf("suppliers", suppliers),
      fileOf("vehicles", vehicles),
      fileOf("customers", customers),
    ]);
    expect(result.ok).toBe(false);
    const rejected = result as ImportRejected;
    const report = rejected.rejections.map((r) => `${r.file}:${r.line}:${r.column}: ${r.reason}`);
    expect(report).toEqual([
      expect.stringMatching(/^plants\.csv:3:annual_capacity: must be an integer, found 'lots'$/),
      expect.stringMatching(/^plants\.csv:4:annual_capacity: annual_capacity must be greater than 0, found 0$/),
      expect.stringMatching(/^plants\.csv:5:plant_id: duplicate key \(plant_id\)=\(901\) in the file, first on line 2$/),
      expect.stringMatching(/^plants\.csv:6:plant_id: duplicate key \(plant_id\)=\(1\): already in the database/),
      expect.stringMatching(/^suppliers\.csv:3:: malformed CSV: unexpected character after a closing quote/),
      expect.stringMatching(/^vehicles\.csv:2:vin: must be a VIN/),
      expect.stringMatching(/^vehicles\.csv:3:plant_id: unknown plant_id '999': no such row in plants \(neither in plants\.csv nor in the database\)$/),
      expect.stringMatching(/^customers\.csv:1:nickname: unknown column "nickname"/),
      expect.stringMatching(/^salesorders\.csv:2:sale_price: must be a number with at most 10 digits before the point and 2 after it/),
      expect.stringMatching(new RegExp(`^salesorders\\.csv:3:sale_date: sale_date ${dayBefore} is before the manufacture_date ${vehicle!.manufacture_date} of vehicle ${vehicle!.vin}$`)),
    ]);
    expect(rejected.rejectedCount).toBe(10);
    expect(await checksums(db)).toEqual(before);
    expect(Number((await db.query<{ n: string | number }>("SELECT count(*) AS n FROM plants WHERE plant_id > 900"))[0]!.n)).toBe(0);
  });

  it("checks values in JavaScript exactly as the SQL rules do", async () => {
    const samples: Record<string, string[]> = {
      int: ["0", "7", "+5", "-12", "007", "2147483647", "2147483648", "-2147483648", "-2147483649", "12345678901", "1.0", "1e3", " 1", "", "+", "-"],
      bigint: ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1234567890123456789", "99999999999999999999", "+0", "x"],
      vin: ["1HGCM82633A004352", "1HGCM82633A00435", "IHGCM82633A004352", "1hgcm82633a004352", "1HGCM82633A0043521", "QHGCM82633A004352"],
      "numeric:12,2": ["0", "1.5", "1.50", "1.505", "-3.25", "+4", "9999999999.99", "99999999999.99", ".5", "5.", "1,5"],
      "numeric:3,2": ["4.72", "5.00", "5", "10.0", "4.7", "-0.01"],
      "numeric:5,1": ["75.0", "1234.5", "12345.6", "75.05"],
      date: ["2024-02-29", "2023-02-29", "2024-04-31", "2024-12-31", "0000-01-01", "0001-01-01", "2024-13-01", "2024-1-01", "2024-01-01T00:00:00", "1900-02-29", "2000-02-29"],
      timestamptz: [
        "2026-11-24T09:30:00Z", "2026-11-24 09:30:00+01:00", "2026-11-24 09:30:00+00", "2026-11-24T09:30", "2026-11-24T09:30:00.123456z",
        "2026-11-24T09:30:00.1234567Z", "2026-11-24T24:00:00Z", "2026-02-30T10:00:00Z", "2026-11-24T09:30:00+0130", "2026-11-24T09:30:00+15:00", "2026-11-24",
      ],
      segment: ["retail", "fleet", "Retail", "retai", "fleets", ""],
    };
    const typeOf = (name: string): ColumnType => {
      if (name === "segment") return TABLE_SPECS.customers.types.segment!;
      const [kind, ps] = name.split(":");
      if (kind === "numeric") {
        const [precision, scale] = ps!.split(",").map(Number);
        return { kind: "numeric", precision: precision!, scale: scale! };
      }
      return { kind } as ColumnType;
    };
    for (const [name, values] of Object.entries(samples)) {
      const type = typeOf(name);
      const rows = await db.query<{ v: string; ok: boolean }>(
        `SELECT v, coalesce((${validExpression("v", type)}), false) AS ok FROM unnest($1::text[]) AS v`,
        [values],
      );
      const sql = Object.fromEntries(rows.map((r) => [r.v, r.ok && r.v !== ""]));
      const js = Object.fromEntries(values.map((v) => [v, v !== "" && validField(fieldCheck(type), v, 0, v.length)]));
      expect(js, name).toEqual(sql);
    }
  });

  it("gives the same report when the database refuses rows of the direct path, and writes nothing", async () => {
    await db.exec("DELETE FROM servicerecords");
    const [vehicle] = await db.query<{ vin: string }>("SELECT vin FROM vehicles ORDER BY vin LIMIT 1");
    const plants = [
      "plant_id,name,city,country,annual_capacity",
      "950,Direct Plant A,Town,Testland,100", // fine, into a table with rows
      "951,Direct Plant B,Town,Testland,200",
    ].join("\n");
    const service = [
      "service_id,vin,service_date,service_type,odometer_km,cost,description",
      `1,${vehicle!.vin},2025-01-02,scheduled,100,10.00,ok`,
      `1,${vehicle!.vin},2025-01-03,repair,200,20.00,duplicate key in the file`, // 3
      "2,1TEST000000000009,2025-01-04,repair,300,30.00,unknown vehicle", // 4
      `3,${vehicle!.vin},2025-01-05,recall,-1,0.00,negative odometer`, // 5
    ].join("\n");
    const files = () => [fileOf("plants", plants), fileOf("servicerecords", service)];
    const direct = (await importCsvFiles(db, files())) as ImportRejected;
    const staging = (await importCsvFiles(db, files(), { direct: false })) as ImportRejected;
    expect(direct.ok).toBe(false);
    expect(direct.rejections.map((r) => `${r.file}:${r.line}:${r.column}: ${r.reason}`)).toEqual([
      expect.stringMatching(/^servicerecords\.csv:3:service_id: duplicate key \(service_id\)=\(1\) in the file, first on line 2$/),
      expect.stringMatching(/^servicerecords\.csv:4:vin: unknown vin '1TEST000000000009': no such row in vehicles \(not in the database\)$/),
      expect.stringMatching(/^servicerecords\.csv:5:odometer_km: odometer_km must not be negative, found -1$/),
    ]);
    expect(direct.rejections).toEqual(staging.rejections);
    expect(direct.rejectedCount).toBe(staging.rejectedCount);
    // Nothing of the set was written, not even the fine plants.
    expect(Number((await db.query<{ n: string | number }>("SELECT count(*) AS n FROM plants WHERE plant_id >= 950"))[0]!.n)).toBe(0);
    expect(Number((await db.query<{ n: string | number }>("SELECT count(*) AS n FROM servicerecords"))[0]!.n)).toBe(0);

    // A duplicate of a row in a table with rows: refused under the live keys.
    const again = (await importCsvFiles(db, [fileOf("plants", csv.plants.split("\n").slice(0, 2).join("\n"))])) as ImportRejected;
    expect(again.ok).toBe(false);
    expect(again.rejections).toEqual([
      { file: "plants.csv", line: 2, column: "plant_id", reason: expect.stringMatching(/^duplicate key \(plant_id\)=\(\d+\): already in the database/) },
    ]);

    const restored = await importCsvFiles(db, [fileOf("servicerecords", csv.servicerecords)]);
    expect(restored.ok, JSON.stringify(restored).slice(0, 2000)).toBe(true);
    expect(await checksums(db)).toEqual(source);
  });

  it("lists at most --max-errors rejections and counts the rest", async () => {
    const bad = "plant_id,name,city,country,annual_capacity\n" + Array.from({ length: 30 }, (_, k) => `${1000 + k},P${k},T,C,-1`).join("\n");
    const result = (await importCsvFiles(db, [fileOf("plants", bad)], { maxErrors: 5 })) as ImportRejected;
    expect(result.ok).toBe(false);
    expect(result.rejections.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.rejectedCount).toBe(30);
  });

  it("reports an empty file, a missing column and a wrong field count", async () => {
    const result = (await importCsvFiles(db, [
      fileOf("plants", "plant_id,name,city,country\n1,a,b,c\n"),
      fileOf("suppliers", ""),
      fileOf("parts", "part_id,part_number,name,category,supplier_id,cost\n99001,X-1,Bolt,fasteners,1\n"),
    ])) as ImportRejected;
    expect(result.ok).toBe(false);
    expect(result.rejections.map((r) => `${r.file}:${r.line}:${r.column}: ${r.reason}`)).toEqual([
      expect.stringMatching(/^plants\.csv:1:annual_capacity: missing column "annual_capacity"/),
      expect.stringMatching(/^suppliers\.csv:1:: the file is empty/),
      expect.stringMatching(/^parts\.csv:2:: expected 6 fields as in the header, found 5$/),
    ]);
  });

  it("checks the sale-date rule when only salesorders.csv goes into an empty table", async () => {
    await db.exec("DELETE FROM salesorders");
    const [vehicle] = await db.query<{ vin: string; manufacture_date: string }>(
      "SELECT vin, manufacture_date::text AS manufacture_date FROM vehicles ORDER BY vin LIMIT 1",
    );
    const [customer] = await db.query<{ customer_id: number }>("SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1");
    const early = `${Number(vehicle!.manufacture_date.slice(0, 4)) - 1}${vehicle!.manufacture_date.slice(4)}`;
    const orders = `order_id,vin,customer_id,sale_date,sale_price,channel\n1,${vehicle!.vin},${customer!.customer_id},${early},100.00,online\n`;
    const result = (await importCsvFiles(db, [fileOf("salesorders", orders)])) as ImportRejected;
    expect(result.ok).toBe(false);
    expect(result.rejections).toEqual([
      { file: "salesorders.csv", line: 2, column: "sale_date", reason: expect.stringMatching(/^sale_date .* is before the manufacture_date/) },
    ]);
    expect(Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM salesorders"))[0]!.n)).toBe(0);

    const restored = await importCsvFiles(db, [fileOf("salesorders", csv.salesorders)]);
    expect(restored.ok, JSON.stringify(restored).slice(0, 2000)).toBe(true);
    expect(await checksums(db)).toEqual(source);
  });

  it.runIf(engine === "postgres")(
    "rolls everything back when the connection is killed half-way, and the next import works",
    async () => {
      await emptyAll(db);
      const killer = new pg.Client({ connectionString: (db.config as { url: string }).url });
      await killer.connect();
      let killed: Promise<unknown> | undefined;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      // The last file yields its first chunk, then waits until the backend is gone.
      const big = csv.servicerecords;
      const slow: ImportFile = {
        name: "servicerecords.csv",
        table: "servicerecords",
        async *open() {
          const bytes = new TextEncoder().encode(big);
          const cut = bytes.indexOf(10, bytes.byteLength >> 1) + 1;
          yield bytes.subarray(0, cut);
          await gate;
          yield bytes.subarray(cut);
        },
      };
      const files = [...TABLE_NAMES.filter((t) => t !== "servicerecords").map((t) => fileOf(t, csv[t])), slow];
      const attempt = importCsvFiles(db, files, {
        onProgress: (p) => {
          if (p.phase === "read" && p.table === "servicerecords" && p.rowsRead > 0 && !killed) {
            killed = terminateCopy(killer).finally(() => setTimeout(release, 100));
          }
        },
      });
      const error = await attempt.then(
        () => null,
        (e: unknown) => e,
      );
      await killed; // throws if the backend was never found
      await killer.end();
      expect(error).toBeInstanceOf(ImportFailedError);
      expect((error as Error).message).toMatch(/connection was lost during the import .*nothing was imported/);
      expect(Object.values(await tableCounts(db))).toEqual(TABLE_NAMES.map(() => 0));

      const again = await importCsvFiles(db, allFiles());
      expect(again.ok, JSON.stringify(again).slice(0, 2000)).toBe(true);
      expect(await checksums(db)).toEqual(source);
    },
  );
});
