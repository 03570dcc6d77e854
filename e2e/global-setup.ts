import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { FullConfig } from "@playwright/test";
import { ensureDemoUsers } from "../lib/auth/demo-users";
import type { DatabaseConfig } from "../lib/db/config";
import { migrate } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";
import { generateData } from "../lib/datagen";
import { todayIn } from "../lib/filters";
import { businessTimeZone } from "../lib/time";
import { asText, referenceQueries } from "../tests/helpers/reference-sql";
import { filterExpectations } from "./filter-expectations";
import { roleKpiExpectations } from "./role-kpis-expected";
import { plantServiceExpected, seedLedgerHistory } from "./plant-service-fixture";
import { E2E_DIR, writeState, type E2eState } from "./state";

const ROOT = path.join(import.meta.dirname, "..");

/**
 * Makes a fresh database (PostgreSQL from TEST_DATABASE_URL, else embedded),
 * fills it, runs the data contract's reference SQL on it for the specs to
 * compare with, then starts the production server on it.
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  const port = new URL(baseURL).port;
  let dbConfig: DatabaseConfig;
  let dispose: E2eState["dispose"];
  if (process.env.TEST_DATABASE_URL) {
    const server = process.env.TEST_DATABASE_URL;
    const database = `volta_e2e_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${database}`;
    dbConfig = { kind: "postgres", url: url.toString() };
    dispose = { kind: "postgres", serverUrl: server, database };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "volta-e2e-"));
    dbConfig = { kind: "embedded", dataDir: path.join(dir, "pglite") };
    dispose = { kind: "embedded", dir };
  }

  const db = await openDatabase(dbConfig);
  let expected: E2eState["expected"];
  try {
    await migrate(db);
    await generateData(db, { scale: 0.2, seed: 2026 });
    await seedLedgerHistory(db);
    await ensureDemoUsers(db);
    const ref = referenceQueries();
    const text = (rows: Array<Record<string, unknown>>) =>
      rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, asText(v)])));
    expected = {
      monthlyRevenue: text(await db.query(ref.monthlyRevenue)) as E2eState["expected"]["monthlyRevenue"],
      inventoryValueByPlant: text(await db.query(ref.inventoryValueByPlant)) as E2eState["expected"]["inventoryValueByPlant"],
      revenueByModel: text(await db.query(ref.revenueByModel)) as E2eState["expected"]["revenueByModel"],
      filters: await filterExpectations(db),
      roleKpis: await roleKpiExpectations(db, todayIn(businessTimeZone())),
      plantService: await plantServiceExpected(db),
    };
  } finally {
    await db.close(); // the embedded engine allows one process: hand it to the server
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    NEXTAUTH_URL: baseURL,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_DIST_DIR: ".next-e2e",
    // Sign-in counters of this run only, even when REDIS_URL keeps them across runs.
    LOGIN_RATE_LIMIT_PREFIX: `volta-e2e-${randomBytes(4).toString("hex")}`,
  };
  delete env.DATABASE_URL;
  if (dbConfig.kind === "postgres") env.DATABASE_URL = dbConfig.url;
  else env.VOLTA_DATA_DIR = dbConfig.dataDir;

  fs.mkdirSync(E2E_DIR, { recursive: true });
  const log = fs.openSync(path.join(E2E_DIR, "server.log"), "w");
  const server = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts", "--port", port], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", log, log],
  });
  server.unref();
  writeState({ serverPid: server.pid!, dispose, expected });
  await waitForServer(baseURL, server);
}

async function waitForServer(baseURL: string, server: ReturnType<typeof spawn>) {
  // The first start includes a production build: minutes on two busy cores.
  const deadline = Date.now() + 600_000;
  let exited: number | null = null;
  server.on("exit", (code) => (exited = code ?? 1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`The portal exited with code ${exited}; see ${path.relative(ROOT, E2E_DIR)}/server.log`);
    try {
      const response = await fetch(`${baseURL}/login`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The portal did not answer within 4 minutes; see ${path.relative(ROOT, E2E_DIR)}/server.log`);
}
