// npm run bench:movements -- --clients 8 --ops 5000 [--hot] [--batch N] [--url http://127.0.0.1:PORT]
//
// Drives POST /api/inventory/movements with N concurrent clients and checks the
// books afterwards. Without --url it makes a fresh PostgreSQL database, fills it
// (scale 0.1), starts the production server on a free port, runs, then stops
// the server and drops the database. With --url it uses a running portal; pass
// --database-url (that portal's database) for the ledger checks. With --direct
// it calls lib/ops/movements on a connection pool instead of going over HTTP:
// the capacity of the transactions alone, without the web stack. With --batch N
// each request carries N movements ({"movements": [...]}, all or nothing) under
// one Idempotency-Key.
import type { ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ensureDemoUsers } from "../lib/auth/demo-users";
import { migrate } from "../lib/db/migrate";
import { openDatabase, type Database } from "../lib/db/open";
import { MAX_BATCH_MOVEMENTS, moveBatchIdempotently, moveIdempotently, type MovementInput } from "../lib/ops/movements";
import { generateData } from "../lib/datagen";
import { percentile, signIn, startPortal, stopPortal } from "./bench-server";

const USER = "plant@volta.example";
const SERVER_LOG = path.join(os.tmpdir(), "volta-bench-movements-server.log");

function usage(message: string): never {
  console.error(`bench:movements: ${message}`);
  console.error("usage: npm run bench:movements -- [--clients 8] [--ops 5000] [--hot] [--retry-rate 0.05] [--scale 0.1] [--url URL --database-url URL] [--direct] [--batch N] [--min-stock N]");
  process.exit(2);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      clients: { type: "string", default: "8" },
      ops: { type: "string", default: "5000" },
      hot: { type: "boolean", default: false },
      url: { type: "string" },
      "database-url": { type: "string" },
      "retry-rate": { type: "string", default: "0.05" },
      scale: { type: "string", default: "0.1" },
      "keep-db": { type: "boolean", default: false },
      direct: { type: "boolean", default: false },
      batch: { type: "string", default: "0" },
      "min-stock": { type: "string", default: "0" },
    },
  });
}
try {
  args = parse();
} catch (error) {
  usage((error as Error).message);
}
const clients = Number(args.values.clients);
const totalOps = Number(args.values.ops);
const retryRate = Number(args.values["retry-rate"]);
const scale = Number(args.values.scale);
if (!Number.isInteger(clients) || clients < 1 || clients > 256) usage("--clients must be 1..256");
if (!Number.isInteger(totalOps) || totalOps < 1) usage("--ops must be a positive whole number");
if (!(retryRate >= 0 && retryRate < 1)) usage("--retry-rate must be in [0, 1)");
if (!(scale > 0)) usage("--scale must be positive");
const batchSize = Number(args.values.batch);
const minStock = Number(args.values["min-stock"]);
if (!Number.isInteger(minStock) || minStock < 0 || minStock > 1_000_000_000) usage("--min-stock must be a whole number >= 0");
if (!Number.isInteger(batchSize) || batchSize < 0 || batchSize > MAX_BATCH_MOVEMENTS) usage(`--batch must be 0 (one movement per request) to ${MAX_BATCH_MOVEMENTS}`);

type Key = { plantId: number; partId: number };
type Body = { kind: "receive" | "consume" | "transfer"; plantId: number; partId: number; quantity: number; toPlantId?: number };

async function main() {
  let baseURL = args.values.url?.replace(/\/$/, "");
  let databaseUrl = args.values["database-url"] ?? (baseURL ? process.env.DATABASE_URL : undefined);
  let server: ChildProcess | null = null;
  let dropDatabase: (() => Promise<void>) | null = null;

  const cleanup = async () => {
    await stopPortal(server);
    if (dropDatabase && !args.values["keep-db"]) await dropDatabase();
  };
  process.on("SIGINT", () => void cleanup().finally(() => process.exit(130)));

  try {
    if (!baseURL && !databaseUrl) {
      const serverUrl = process.env.BENCH_DATABASE_SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres";
      const name = `volta_bench_mv_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      dropDatabase = async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
        console.log(`Dropped database ${name}.`);
      };
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      console.log(`Database ${name}: migrating and generating data (scale ${scale})…`);
      const db = await openDatabase({ kind: "postgres", url: databaseUrl });
      try {
        await migrate(db);
        await generateData(db, { scale, seed: 2026 });
        await ensureDemoUsers(db);
      } finally {
        await db.close();
      }
    }
    if (!baseURL && !args.values.direct) {
      ({ baseURL, child: server } = await startPortal({ kind: "postgres", url: databaseUrl! }, SERVER_LOG));
    }

    const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 2 }) : null;
    // The benchmark user may move stock at every plant for this run.
    if (pool) {
      await pool.query(
        `INSERT INTO user_plants (user_id, plant_id) SELECT u.id, p.plant_id FROM users u CROSS JOIN plants p
         WHERE u.email = $1 ON CONFLICT DO NOTHING`,
        [USER],
      );
    }
    // --min-stock: raise every row below N to N first (before the books are read), so that
    // the random walk of receives and consumes is not dominated by refusals on empty rows.
    if (pool && minStock > 0) await pool.query(`UPDATE inventory SET quantity = $1 WHERE quantity < $1`, [minStock]);
    const plants = pool ? (await pool.query<{ plant_id: number }>(`SELECT plant_id FROM plants ORDER BY plant_id`)).rows.map((r) => r.plant_id) : [1];
    const keys: Key[] = pool
      ? (await pool.query<{ plant_id: number; part_id: number }>(`SELECT plant_id, part_id FROM inventory ORDER BY plant_id, part_id`)).rows.map((r) => ({
          plantId: r.plant_id,
          partId: r.part_id,
        }))
      : [{ plantId: 1, partId: 1 }];
    const before = new Map<string, number>();
    if (pool) {
      for (const r of (await pool.query<{ plant_id: number; part_id: number; quantity: number }>(`SELECT plant_id, part_id, quantity FROM inventory`)).rows) {
        before.set(`${r.plant_id}/${r.part_id}`, r.quantity);
      }
      await pool.query(`SELECT 1`);
    }
    const startLedgerId = pool ? BigInt((await pool.query<{ m: string }>(`SELECT COALESCE(MAX(id), 0)::text AS m FROM stock_movements`)).rows[0]!.m) : 0n;

    let direct: { db: Database; userId: number } | null = null;
    let cookie = "";
    if (args.values.direct) {
      const db = await openDatabase({ kind: "postgres", url: databaseUrl! });
      const [u] = await db.query<{ id: number }>(`SELECT id FROM users WHERE email = $1`, [USER]);
      direct = { db, userId: Number(u!.id) };
    } else {
      cookie = await signIn(baseURL!, USER);
    }
    const hotKey = keys[Math.floor(keys.length / 2)]!;
    const otherPlant = (p: number) => plants.filter((x) => x !== p)[Math.floor(Math.random() * (plants.length - 1))] ?? p;

    function nextBody(): Body {
      const key = args.values.hot ? hotKey : keys[Math.floor(Math.random() * keys.length)]!;
      const r = Math.random();
      const quantity = 1 + Math.floor(Math.random() * 5);
      if (r < 0.45) return { kind: "receive", ...key, quantity };
      if (r < 0.9 || plants.length < 2) return { kind: "consume", ...key, quantity };
      return { kind: "transfer", ...key, toPlantId: otherPlant(key.plantId), quantity };
    }

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const retries: Array<{ key: string; first: string; second: string; firstStatus: number; secondStatus: number }> = [];
    const applied: Array<{ key: string; legs: number }> = [];
    let issued = 0;
    let failures = 0;
    let appliedMovements = 0;

    type Payload = Body | { movements: Body[] };
    const legsOf = (body: Body) => (body.kind === "transfer" ? 2 : 1);

    async function post(key: string, payload: Payload): Promise<{ status: number; text: string }> {
      const t0 = performance.now();
      if (direct) {
        const ctx = { userId: direct.userId, scope: { kind: "all" } as const, idempotencyKey: key };
        const outcome =
          "movements" in payload
            ? await moveBatchIdempotently(direct.db, ctx, payload.movements as MovementInput[], payload)
            : await moveIdempotently(direct.db, ctx, payload as MovementInput, payload);
        latencies.push(performance.now() - t0);
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        return { status: outcome.status, text: JSON.stringify(outcome.body) };
      }
      const response = await fetch(`${baseURL}/api/inventory/movements`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: baseURL!, "idempotency-key": key },
        body: JSON.stringify(payload),
      });
      const text = await response.text();
      latencies.push(performance.now() - t0);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      return { status: response.status, text };
    }

    async function client() {
      while (issued < totalOps) {
        const n = batchSize > 0 ? Math.min(batchSize, totalOps - issued) : 1;
        issued += n;
        const key = randomUUID();
        const bodies = Array.from({ length: n }, nextBody);
        const payload: Payload = batchSize > 0 ? { movements: bodies } : bodies[0]!;
        const legs = bodies.reduce((sum, b) => sum + legsOf(b), 0);
        try {
          const first = await post(key, payload);
          if (first.status === 201) {
            applied.push({ key, legs });
            appliedMovements += n;
          } else if (first.status !== 409) failures++;
          if (Math.random() < retryRate) {
            const second = await post(key, payload);
            retries.push({ key, first: first.text, second: second.text, firstStatus: first.status, secondStatus: second.status });
          }
        } catch (error) {
          failures++;
          if (failures < 5) console.error("request failed:", (error as Error).message);
        }
      }
    }

    console.log(`Running ${totalOps} movements${batchSize ? ` in batches of ${batchSize}` : ""} with ${clients} clients on ${args.values.hot ? `one hot key (plant ${hotKey.plantId}, part ${hotKey.partId})` : `${keys.length} random keys`}, ${(retryRate * 100).toFixed(1)}% retried…`);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: clients }, client));
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const requests = latencies.length;

    console.log("");
    if (direct) await direct.db.close();
    console.log(`mode              ${args.values.hot ? "hot key" : "random keys"}${direct ? ", direct (no HTTP)" : " over HTTP"}, ${batchSize ? `batches of ${batchSize} movements per request` : "one movement per request"}`);
    console.log(`clients           ${clients}`);
    console.log(`movements         ${totalOps} (+${retries.length} idempotent retries = ${requests} requests) in ${seconds.toFixed(2)} s`);
    console.log(`throughput        ${(totalOps / seconds).toFixed(0)} movements/s (${(requests / seconds).toFixed(0)} requests/s); applied ${appliedMovements} (${(appliedMovements / seconds).toFixed(0)}/s), the rest refused for want of stock`);
    console.log(`latency           p50 ${percentile(latencies, 50).toFixed(1)} ms  p95 ${percentile(latencies, 95).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms  max ${latencies.at(-1)?.toFixed(1)} ms`);
    console.log(`statuses          ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join("  ")}`);

    let ok = failures === 0;
    const badRetries = retries.filter((r) => r.first !== r.second || r.firstStatus !== r.secondStatus);
    console.log(`retries           ${retries.length - badRetries.length}/${retries.length} answered identically`);
    if (badRetries.length) ok = false;

    if (pool) {
      const ledger = await pool.query<{ plant_id: number; part_id: number; s: string }>(
        `SELECT plant_id, part_id, SUM(quantity_delta)::text AS s FROM stock_movements WHERE id > $1 GROUP BY plant_id, part_id`,
        [startLedgerId.toString()],
      );
      const after = await pool.query<{ plant_id: number; part_id: number; quantity: number }>(`SELECT plant_id, part_id, quantity FROM inventory`);
      const sums = new Map(ledger.rows.map((r) => [`${r.plant_id}/${r.part_id}`, Number(r.s)]));
      let mismatched = 0;
      let negative = 0;
      for (const r of after.rows) {
        const k = `${r.plant_id}/${r.part_id}`;
        if (r.quantity < 0) negative++;
        if ((before.get(k) ?? 0) + (sums.get(k) ?? 0) !== r.quantity) mismatched++;
      }
      console.log(`books             ${after.rows.length - mismatched}/${after.rows.length} keys: initial + ledger = final; ${negative} negative`);
      if (mismatched || negative) ok = false;
      const perKey = await pool.query<{ k: string; n: string }>(
        `SELECT idempotency_key AS k, COUNT(*)::text AS n FROM stock_movements WHERE id > $1 GROUP BY idempotency_key`,
        [startLedgerId.toString()],
      );
      const counts = new Map(perKey.rows.map((r) => [r.k, Number(r.n)]));
      const wrong = applied.filter((a) => counts.get(a.key) !== a.legs).length;
      const ledgerRowsOf = (text: string): number => {
        const body = JSON.parse(text) as { movements?: unknown[]; results?: Array<{ movements: unknown[] }> };
        return body.results ? body.results.reduce((sum, r) => sum + r.movements.length, 0) : (body.movements?.length ?? 1);
      };
      const retriedTwice = retries.filter((r) => r.firstStatus === 201 && counts.get(r.key) !== ledgerRowsOf(r.first)).length;
      const ledgerRows = perKey.rows.reduce((s, r) => s + Number(r.n), 0);
      const expectedRows = applied.reduce((s, a) => s + a.legs, 0);
      console.log(`idempotency       ${applied.length - wrong}/${applied.length} applied movements have exactly their ledger rows; ${retriedTwice} retried ones applied twice; ledger rows ${ledgerRows} (expected ${expectedRows})`);
      if (wrong || retriedTwice || ledgerRows !== expectedRows) ok = false;
      await pool.end();
    } else {
      console.log("books             not checked (no --database-url)");
    }
    if (failures) console.log(`failures          ${failures} requests failed (neither 201 nor 409)`);
    console.log(ok ? "\nINVARIANTS OK" : "\nINVARIANTS VIOLATED");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(`bench:movements: ${(error as Error).message}`);
  process.exit(1);
});
