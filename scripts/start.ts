// npm start: build when needed, prepare the database, serve the portal.
// With DATABASE_URL unset the portal runs on the embedded database in .data/,
// created, migrated and filled with demo data on first start.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDemoUsers } from "../lib/auth/demo-users";
import { databaseConfigFromEnv, describeDatabase } from "../lib/db/config";
import { migrate, readMigrations } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";
import { generateData } from "../lib/datagen";
import { checkServerEnv, describeEnvProblems } from "../lib/env";
import { explainDatabaseError } from "./cli";

const { values } = parseArgs({
  options: { dev: { type: "boolean", default: false }, port: { type: "string" } },
});
const root = process.cwd();
const port = values.port ?? process.env.PORT ?? "3000";
if (!/^\d{2,5}$/.test(port)) fail(`PORT must be a number, got "${port}"`);

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

function nextBin(): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

/** The newest modification time under the sources a production build depends on. */
function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      if (p.endsWith(`${path.sep}generated`)) return;
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of ["app", "components", "lib", "types", "public", "proxy.ts", "instrumentation.ts", "next.config.js", "package.json"]) {
    visit(path.join(root, p));
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSource()) return;
  console.log("Building the portal (first start or changed sources)…");
  const result = spawnSync(process.execPath, [nextBin(), "build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) fail("the build failed; see the messages above.");
}

/** A stable secret for signing sessions on this machine when none is configured. */
function ensureAuthSecret() {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = path.join(root, ".data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  console.log("NEXTAUTH_SECRET is not set: using the local secret in .data/auth-secret.");
}

async function prepareDatabase() {
  const config = databaseConfigFromEnv();
  console.log(`Database: ${describeDatabase(config)}`);
  const db = await openDatabase(config);
  try {
    if (config.kind === "embedded") {
      await migrate(db, { log: (line) => console.log(`  ${line}`) });
      const [{ n }] = await db.query<{ n: number | string }>("SELECT count(*)::int AS n FROM vehicles").then((r) => r as [{ n: number }]);
      if (Number(n) === 0) {
        console.log("Filling the embedded database with demo data (scale 1)…");
        const result = await generateData(db, { scale: 1, seed: 42 });
        console.log(
          `  ${result.counts.vehicles.toLocaleString("en-US")} vehicles, ${result.counts.salesorders.toLocaleString("en-US")} orders, ` +
            `${result.counts.servicerecords.toLocaleString("en-US")} service records in ${result.seconds.toFixed(1)} s`,
        );
      }
      await ensureDemoUsers(db);
      return;
    }
    // A real server is migrated on purpose, with `npm run db:migrate`.
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      fail(`${pending.length} migration(s) not applied to this database (${pending.join(", ")}). Run: npm run db:migrate`);
    }
  } finally {
    await db.close();
  }
}

async function pendingMigrations(db: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
  const applied = exists[0]?.t
    ? new Set(
        (await db.query<{ migration_name: string }>(
          `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )).map((r) => r.migration_name),
      )
    : new Set<string>();
  return readMigrations().map((m) => m.name).filter((name) => !applied.has(name));
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  if (!values.dev) buildIfNeeded();
  ensureAuthSecret();
  // The server checks this again when it starts (instrumentation.ts); checking here fails before the database work.
  const env = checkServerEnv({ ...process.env, NODE_ENV: values.dev ? "development" : "production" });
  if (!env.ok) fail(describeEnvProblems(env.problems));
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  try {
    await prepareDatabase();
  } catch (error) {
    fail(explainDatabaseError(error));
  }
  const args = values.dev ? ["dev", "-p", port] : ["start", "-p", port];
  console.log(`Serving Volta Analytics at http://localhost:${port}`);
  // Own process group, so that stopping us stops next-server too.
  const child = spawn(process.execPath, [nextBin(), ...args], { stdio: "inherit", env: process.env, detached: true });
  const stop = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

await main();
