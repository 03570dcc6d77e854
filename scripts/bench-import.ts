// npm run bench:import -- [--scale 5] [--seed 42] [--split 0.8] [--runs 1] [--keep-files] [--staging]
//
// Measures the CSV import (lib/ops/import) on PostgreSQL:
//
//   1. writes the eight tables of the synthetic generator at --scale as CSV
//      files in the exchange format (header row + the generator's rows) into a
//      temporary folder, plus the same set split in two by build date: part A
//      (the reference tables and the first --split of the vehicles with their
//      customers, orders and service records) and part B (the rest);
//   2. creates a database of its own on DATABASE_URL's server (default
//      postgresql://postgres@127.0.0.1:5432/postgres) and applies the migrations;
//   3. "empty": imports the whole set into the empty tables (--runs times,
//      emptying the tables in between);
//   4. "non-empty": empties the tables, imports part A, then measures part B
//      going into the tables that now hold part A;
//   5. prints rows, seconds, rows/s, the time per step and the CPU time of the
//      database backend and of Node, then drops its database and the files.
//
// --staging measures the staging path alone (no direct COPY into the tables),
// for comparison.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { DataGenerator, TABLE_COLUMNS, TABLE_NAMES, type TableName } from "../lib/datagen/tables";
import { migrate } from "../lib/db/migrate";
import { openDatabase, type Database } from "../lib/db/open";
import { type ImportSuccess, importCsvFiles } from "../lib/ops/import";
import { importFilesFromFolder } from "../lib/ops/import/files";

function usage(message: string): never {
  console.error(`bench:import: ${message}`);
  console.error("usage: npm run bench:import -- [--scale 5] [--seed 42] [--split 0.8] [--runs 1] [--keep-files] [--staging]");
  process.exit(2);
}

let values: { scale: string; seed: string; split: string; runs: string; "keep-files": boolean; staging: boolean };
try {
  values = parseArgs({
    options: {
      scale: { type: "string", default: "5" },
      seed: { type: "string", default: "42" },
      split: { type: "string", default: "0.8" },
      runs: { type: "string", default: "1" },
      "keep-files": { type: "boolean", default: false },
      staging: { type: "boolean", default: false },
    },
    strict: true,
  }).values as typeof values;
} catch (error) {
  usage((error as Error).message);
}
const scale = Number(values.scale);
const seed = Number(values.seed);
const split = Number(values.split);
const runs = Number(values.runs);
if (!(scale > 0 && scale <= 2500)) usage("--scale must be a number in (0, 2500]");
if (!Number.isSafeInteger(seed) || seed < 0) usage("--seed must be a non-negative integer");
if (!(split > 0 && split < 1)) usage("--split must be in (0, 1)");
if (!Number.isInteger(runs) || runs < 1 || runs > 20) usage("--runs must be 1..20");

const server = new URL(process.env.DATABASE_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres");
const dbName = `bench_import_${process.pid}_${randomBytes(3).toString("hex")}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "volta-bench-import-"));
const full = path.join(dir, "full");
const partA = path.join(dir, "part-a");
const partB = path.join(dir, "part-b");

/** The first `n` comma-separated fields of a generated row (the key columns come before any quoted text). */
function field(line: string, index: number): string {
  let start = 0;
  for (let k = 0; k < index; k++) start = line.indexOf(",", start) + 1;
  const end = line.indexOf(",", start);
  return line.slice(start, end === -1 ? undefined : end);
}

/** Writes the generated tables as CSV files: the whole set, and parts A and B. */
function writeFiles(): { rows: number; bytes: number } {
  for (const d of [full, partA, partB]) fs.mkdirSync(d);
  const generator = new DataGenerator(seed, scale);
  const lines = {} as Record<TableName, string[]>;
  for (const table of TABLE_NAMES) {
    const out: string[] = [];
    for (const chunk of generator.chunks(table)) {
      const text = chunk.text.endsWith("\n") ? chunk.text.slice(0, -1) : chunk.text;
      if (text.length > 0) for (const line of text.split("\n")) out.push(line);
    }
    lines[table] = out;
  }
  // Part A: vehicles built up to the --split quantile of the build dates.
  const dates = lines.vehicles.map((l) => field(l, 6)).sort();
  const cutoff = dates[Math.min(dates.length - 1, Math.floor(dates.length * split))]!;
  const vinsA = new Set(lines.vehicles.filter((l) => field(l, 6) < cutoff).map((l) => field(l, 0)));
  const ordersA = lines.salesorders.filter((l) => vinsA.has(field(l, 1)));
  const customersA = new Set(ordersA.map((l) => field(l, 2)));
  const inA: Record<TableName, (line: string) => boolean> = {
    plants: () => true,
    suppliers: () => true,
    parts: () => true,
    inventory: () => true,
    vehicles: (l) => vinsA.has(field(l, 0)),
    customers: (l) => customersA.has(field(l, 0)),
    salesorders: (l) => vinsA.has(field(l, 1)),
    servicerecords: (l) => vinsA.has(field(l, 1)),
  };
  let rows = 0;
  let bytes = 0;
  for (const table of TABLE_NAMES) {
    const header = TABLE_COLUMNS[table].join(",");
    const write = (folder: string, rowsOf: string[]) => {
      if (rowsOf.length === 0) return;
      const text = `${header}\n${rowsOf.join("\n")}\n`;
      fs.writeFileSync(path.join(folder, `${table}.csv`), text);
      return Buffer.byteLength(text);
    };
    bytes += write(full, lines[table]) ?? 0;
    rows += lines[table].length;
    const a = lines[table].filter(inA[table]);
    write(partA, a);
    write(partB, lines[table].filter((l) => !inA[table](l)));
  }
  return { rows, bytes };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function emptyTables(db: Database): Promise<void> {
  await db.exec(`TRUNCATE ${TABLE_NAMES.join(", ")} CASCADE`);
  await db.exec("CHECKPOINT");
}

/** CPU seconds (user + system) of the server processes serving this database, from /proc (same machine only). */
async function serverCpu(): Promise<number | null> {
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [dbName]);
    let ticks = 0;
    for (const { pid } of rows) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
    return ticks / 100;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

const cpu = { server: 0, node: 0 };

async function run(db: Database, folder: string): Promise<ImportSuccess> {
  const serverBefore = await serverCpu();
  const nodeBefore = process.cpuUsage();
  const result = await importCsvFiles(db, importFilesFromFolder(folder), { direct: !values.staging });
  const nodeUsed = process.cpuUsage(nodeBefore);
  const serverAfter = await serverCpu();
  cpu.node = (nodeUsed.user + nodeUsed.system) / 1e6;
  cpu.server = serverBefore !== null && serverAfter !== null ? serverAfter - serverBefore : Number.NaN;
  if (!result.ok) {
    throw new Error(
      `the import was rejected (${result.rejectedCount} problems): ` +
        result.rejections
          .slice(0, 5)
          .map((r) => `${r.file}:${r.line}:${r.column}: ${r.reason}`)
          .join("; "),
    );
  }
  return result;
}

function show(label: string, result: ImportSuccess): void {
  const rate = Math.round(result.rows / result.seconds);
  console.log(`${label}: ${result.rows.toLocaleString("en-US")} rows in ${result.seconds.toFixed(2)} s = ${rate.toLocaleString("en-US")} rows/s`);
  const steps = Object.entries(result.phases)
    .filter(([, s]) => s >= 0.005)
    .map(([name, s]) => `${name} ${s.toFixed(2)}`)
    .join(", ");
  console.log(`  steps (s): ${steps}`);
  console.log(
    `  CPU (s): PostgreSQL backend ${Number.isNaN(cpu.server) ? "n/a" : cpu.server.toFixed(2)} (parallel index workers not counted), ` +
      `Node ${cpu.node.toFixed(2)}; machine load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
  );
}

let db: Database | undefined;
let created = false;
try {
  const generated = performance.now();
  const { rows, bytes } = writeFiles();
  console.log(
    `scale ${scale}, seed ${seed}: ${rows.toLocaleString("en-US")} rows, ${(bytes / 1e6).toFixed(1)} MB of CSV ` +
      `(written in ${((performance.now() - generated) / 1000).toFixed(1)} s to ${dir})`,
  );
  await admin(`CREATE DATABASE "${dbName}"`);
  created = true;
  const url = new URL(server.toString());
  url.pathname = `/${dbName}`;
  console.log(`database ${dbName} on ${url.host}`);
  db = await openDatabase({ kind: "postgres", url: url.toString() });
  await migrate(db);

  for (let k = 1; k <= runs; k++) {
    await emptyTables(db);
    show(`empty tables, whole set${runs > 1 ? ` (run ${k})` : ""}`, await run(db, full));
  }
  for (let k = 1; k <= runs; k++) {
    await emptyTables(db);
    const a = await run(db, partA);
    await db.exec("CHECKPOINT");
    const b = await run(db, partB);
    show(`non-empty tables: part B (${b.rows.toLocaleString("en-US")} rows) into tables holding part A (${a.rows.toLocaleString("en-US")} rows)${runs > 1 ? ` (run ${k})` : ""}`, b);
  }
} catch (error) {
  process.exitCode = 1;
  console.error(`bench:import failed: ${(error as Error).stack ?? error}`);
} finally {
  await db?.close().catch(() => undefined);
  if (created) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e) => console.error(`could not drop ${dbName}: ${e}`));
  if (values["keep-files"]) console.log(`files kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
