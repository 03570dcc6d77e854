import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseConfig } from "@/lib/db/config";
import { TABLE_NAMES, type TableName } from "@/lib/datagen/table-names";
import { migrate } from "@/lib/db/migrate";
import { openDatabase, type Database } from "@/lib/db/open";

export type EngineName = "postgres" | "embedded";

/** The engines this run can test: the embedded one always, PostgreSQL when TEST_DATABASE_URL is set. */
export function availableEngines(): EngineName[] {
  return process.env.TEST_DATABASE_URL ? ["postgres", "embedded"] : ["embedded"];
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]", ""]);

/** TEST_DATABASE_URL names a server (and a database to connect through); tests make their own databases there. */
function serverUrl(): URL {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) throw new Error("TEST_DATABASE_URL is not set");
  const url = new URL(raw);
  if (!LOCAL_HOSTS.has(url.hostname) && process.env.VOLTA_ALLOW_REMOTE_TEST_DB !== "1") {
    throw new Error(`Refusing to run tests against ${url.hostname}: tests create and drop databases (set VOLTA_ALLOW_REMOTE_TEST_DB=1 to allow).`);
  }
  return url;
}

export type TestDatabase = { engine: EngineName; config: DatabaseConfig; dispose(): Promise<void> };

/** A new, empty database of the given engine; `dispose` removes it. */
export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === "embedded") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "volta-test-"));
    return {
      engine,
      config: { kind: "embedded", dataDir: path.join(dir, "pglite") },
      async dispose() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const server = serverUrl();
  const name = `volta_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    engine,
    config: { kind: "postgres", url: url.toString() },
    async dispose() {
      const client = new pg.Client({ connectionString: server.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A fresh, migrated database, opened. */
export async function openMigratedTestDatabase(engine: EngineName): Promise<{ db: Database; testDb: TestDatabase; close(): Promise<void> }> {
  const testDb = await createTestDatabase(engine);
  const db = await openDatabase(testDb.config);
  await migrate(db);
  return {
    db,
    testDb,
    async close() {
      await db.close();
      await testDb.dispose();
    },
  };
}

/** Rows in each of the eight warehouse tables. */
export async function tableCounts(db: Database): Promise<Record<TableName, number>> {
  const out = {} as Record<TableName, number>;
  for (const table of TABLE_NAMES) {
    const [row] = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`);
    out[table] = Number(row?.n);
  }
  return out;
}
