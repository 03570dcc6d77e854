// npm run bench:export -- [--database-url URL] [--scale 1] [--seed 42] [--model NAME] [--query "sort=price&dir=asc"] [--runs 1]
//
// The streamed CSV export's benchmark: every order of the biggest model (or
// --model), as the sales user downloads it from the order list.
//
//   1. the database: DATABASE_URL (or --database-url), migrated; filled by the
//      generator at --scale when it holds no vehicles; demo users ensured.
//   2. the production server (scripts/start.ts, built into .next-bench when
//      sources changed) on a free port, the sales user signed in.
//   3. GET /api/export/models/<model>/orders?<query>, read to the end as it
//      streams (bytes counted, never kept), --runs times.
//   4. prints rows, seconds, rows/s, MB/s, and the server's memory: resident
//      size (VmRSS) sampled every 100 ms during the download, and the peak
//      (VmHWM, /proc/<pid>/status) before and after it. A flat peak means the
//      rows never sat in memory, however many there are.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDemoUsers } from "../lib/auth/demo-users";
import type { DatabaseConfig } from "../lib/db/config";
import { migrate } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";
import { generateData } from "../lib/datagen";
import { MODEL_ORDER_COLUMNS } from "../lib/kpi/model-orders";
import { signIn, startPortal, stopPortal } from "./bench-server";

const SERVER_LOG = path.join(os.tmpdir(), `volta-bench-export-server-${process.pid}.log`);

function usage(message: string): never {
  console.error(`bench:export: ${message}`);
  console.error('usage: npm run bench:export -- [--database-url URL] [--scale 1] [--seed 42] [--model NAME] [--query "sort=price&dir=asc"] [--runs 1]');
  console.error("       the database is DATABASE_URL (or --database-url)");
  process.exit(2);
}

let opts: { "database-url"?: string; scale: string; seed: string; model?: string; query: string; runs: string };
try {
  opts = parseArgs({
    options: {
      "database-url": { type: "string" },
      scale: { type: "string", default: "1" },
      seed: { type: "string", default: "42" },
      model: { type: "string" },
      query: { type: "string", default: "" },
      runs: { type: "string", default: "1" },
    },
    strict: true,
  }).values as typeof opts;
} catch (error) {
  usage((error as Error).message);
}
const scale = Number(opts.scale);
const seed = Number(opts.seed);
const runs = Number(opts.runs);
if (!(scale > 0 && scale <= 1000)) usage("--scale must be a number in (0, 1000]");
if (!Number.isInteger(seed) || seed < 0) usage("--seed must be a whole number");
if (!Number.isInteger(runs) || runs < 1 || runs > 20) usage("--runs must be 1..20");
const databaseUrl = opts["database-url"] ?? process.env.DATABASE_URL;
if (!databaseUrl) usage("set DATABASE_URL (or pass --database-url): the benchmark needs a PostgreSQL server");
const config: DatabaseConfig = { kind: "postgres", url: databaseUrl };

/** Memory figures of a process from /proc/<pid>/status, in KiB. */
function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kib("VmRSS"), hwm: kib("VmHWM") };
  } catch {
    return null;
  }
}

/**
 * The server process: Next.js's server (named `next-server …`) among the
 * descendants of the portal's process (scripts/start.ts runs it as a child, in
 * a process group of its own), else the largest descendant.
 */
function serverPid(child: ChildProcess): number {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = /^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"))?.[1];
      if (ppid) parents.set(Number(entry), Number(ppid));
    } catch {
      /* gone meanwhile */
    }
  }
  const descendants = [...parents.keys()].filter((pid) => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === child.pid) return true;
    return false;
  });
  const comm = (pid: number) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      return "";
    }
  };
  const named = descendants.find((pid) => comm(pid).startsWith("next-server"));
  if (named !== undefined) return named;
  return descendants.reduce((best, pid) => ((memoryOf(pid)?.rss ?? -1) > (memoryOf(best)?.rss ?? -1) ? pid : best), child.pid!);
}

const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

async function main() {
  console.log(`Export benchmark on ${databaseUrl!.replace(/\/\/[^@]*@/, "//…@")}`);
  console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const db = await openDatabase(config);
  let model: string;
  let expected: number;
  try {
    const migrated = await migrate(db);
    if (migrated.applied.length) console.log(`Applied ${migrated.applied.length} migration(s).`);
    const [{ n }] = (await db.query<{ n: string }>("SELECT count(*)::text AS n FROM (SELECT 1 FROM vehicles LIMIT 1) v")) as [{ n: string }];
    if (Number(n) === 0) {
      console.log(`No data: generating scale ${scale} (seed ${seed})…`);
      await generateData(db, { scale, seed });
    }
    await ensureDemoUsers(db);
    const [top] = opts.model
      ? await db.query<{ m: string; n: string }>(
          "SELECT v.model_name AS m, count(*)::text AS n FROM salesorders s JOIN vehicles v ON v.vin = s.vin WHERE v.model_name = $1 GROUP BY 1",
          [opts.model],
        )
      : await db.query<{ m: string; n: string }>(
          "SELECT v.model_name AS m, count(*)::text AS n FROM salesorders s JOIN vehicles v ON v.vin = s.vin GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
        );
    if (!top) throw new Error(opts.model ? `no orders of the model "${opts.model}"` : "no orders in the database");
    model = top.m;
    expected = Number(top.n);
  } finally {
    await db.close();
  }
  console.log(`Model ${model}: ${expected.toLocaleString("en-US")} orders in all (the export with --query may hold fewer)`);

  let child: ChildProcess | null = null;
  try {
    const started = await startPortal(config, SERVER_LOG);
    child = started.child;
    const cookie = await signIn(started.baseURL, "sales@volta.example");
    const url = `${started.baseURL}/api/export/models/${encodeURIComponent(model)}/orders${opts.query ? `?${opts.query}` : ""}`;
    // A small request first, so that the route is compiled and loaded before measuring.
    await (await fetch(`${started.baseURL}/api/export/models/${encodeURIComponent(model)}/breakdown/trim`, { headers: { cookie } })).arrayBuffer();
    const pid = serverPid(child);
    let comm = "?";
    try {
      comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      /* gone */
    }
    console.log(`Server process ${pid} (${comm}); log ${SERVER_LOG}`);

    for (let run = 1; run <= runs; run++) {
      const before = memoryOf(pid);
      let maxRss = before?.rss ?? 0;
      const sampler = setInterval(() => {
        const m = memoryOf(pid);
        if (m && m.rss > maxRss) maxRss = m.rss;
      }, 100);
      const t0 = performance.now();
      let bytes = 0;
      let newlines = 0;
      let head = "";
      try {
        const response = await fetch(url, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`export answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        const reader = response.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.length;
          if (head.length < 300) head += new TextDecoder().decode(value.subarray(0, 300));
          for (let k = 0; k < value.length; k++) if (value[k] === 10) newlines++;
        }
      } finally {
        clearInterval(sampler);
      }
      const seconds = (performance.now() - t0) / 1000;
      const after = memoryOf(pid);
      const header = head.split("\n")[0];
      if (header !== MODEL_ORDER_COLUMNS.join(",")) throw new Error(`unexpected CSV header: ${header}`);
      const rows = newlines - 1; // the header line (order rows never hold a line break)
      console.log(
        `\nrun ${run}: ${rows.toLocaleString("en-US")} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s: ` +
          `${Math.round(rows / seconds).toLocaleString("en-US")} rows/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`,
      );
      console.log(
        `  server memory: RSS ${before ? mib(before.rss) : "?"} before, at most ${mib(maxRss)} during, ${after ? mib(after.rss) : "?"} after; ` +
          `peak (VmHWM) ${before ? mib(before.hwm) : "?"} before → ${after ? mib(after.hwm) : "?"} after`,
      );
    }
  } finally {
    await stopPortal(child);
  }
}

main().catch((error) => {
  console.error(`bench:export: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
