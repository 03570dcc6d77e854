// npm run db:generate -- --scale N [--seed S] [--replace]
// Fills the configured database (DATABASE_URL, else the embedded one) with
// deterministic synthetic data, then makes sure the demo users exist.
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { ensureDemoUsers } from "../lib/auth/demo-users";
import { DEFAULT_SEED, type GenerateProgress, TABLE_NAMES, generateData, validateScale } from "../lib/datagen";
import { runWithDatabase } from "./cli";

const USAGE = `usage: npm run db:generate -- --scale N [--seed S] [--replace]

  --scale N    volume: 20,000 vehicles per unit (fractions allowed, e.g. 0.05)
  --seed S     random seed, a non-negative integer (default ${DEFAULT_SEED})
  --replace    overwrite the warehouse tables if they already hold data`;

function usageError(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine(): { scale: number; seed: number; replace: boolean } {
  let values: { scale?: string; seed?: string; replace?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        scale: { type: "string" },
        seed: { type: "string" },
        replace: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    usageError((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.scale === undefined) usageError("--scale is required");
  const scaleText = values.scale.trim();
  const scale = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(scaleText) ? Number(scaleText) : Number.NaN;
  if (!Number.isFinite(scale) || scale <= 0) usageError(`--scale must be a positive number, got "${values.scale}"`);
  try {
    validateScale(scale);
  } catch (error) {
    usageError((error as Error).message);
  }
  let seed = DEFAULT_SEED;
  if (values.seed !== undefined) {
    seed = /^\d+$/.test(values.seed.trim()) ? Number(values.seed.trim()) : Number.NaN;
    if (!Number.isSafeInteger(seed)) usageError(`--seed must be a non-negative integer, got "${values.seed}"`);
  }
  return { scale, seed, replace: values.replace ?? false };
}

const PHASE_LABEL: Record<GenerateProgress["phase"], string> = {
  prepare: "preparing",
  copy: "loading",
  analyze: "analysing",
  index: "indexing",
  validate: "validating",
  constraint: "checking",
  rollups: "summing",
  commit: "committing",
  done: "done",
};

/** A progress bar on a terminal; otherwise a plain line every few seconds and at each new phase. */
function progressReporter(started: number) {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: "{phase} |{bar}| {percentage}% | {value}/{total} rows | {detail}",
        stream: process.stdout,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p: GenerateProgress) {
        const payload = { phase: PHASE_LABEL[p.phase].padEnd(10), detail: p.detail ?? "" };
        if (!started) {
          bar.start(p.rowsTotal, p.rowsDone, payload);
          started = true;
          return;
        }
        bar.setTotal(p.rowsTotal);
        bar.update(p.rowsDone, payload);
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastLine = 0;
  let lastKey = "";
  return {
    update(p: GenerateProgress) {
      const key = `${p.phase}:${p.phase === "copy" ? p.detail : ""}`;
      const now = Date.now();
      if (key === lastKey && now - lastLine < 5000) return;
      lastKey = key;
      lastLine = now;
      const pct = p.rowsTotal > 0 ? Math.floor((100 * p.rowsDone) / p.rowsTotal) : 0;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`[${seconds}s] ${PHASE_LABEL[p.phase]}${p.detail ? ` ${p.detail}` : ""}: ${p.rowsDone}/${p.rowsTotal} rows (${pct}%)`);
    },
    stop() {},
  };
}

const options = parseCommandLine();
const started = performance.now();
await runWithDatabase(async (db) => {
  const progress = progressReporter(started);
  let result;
  try {
    result = await generateData(db, { ...options, onProgress: (p) => progress.update(p) });
  } finally {
    progress.stop();
  }
  const created = await ensureDemoUsers(db);
  const seconds = (performance.now() - started) / 1000;
  const counts = TABLE_NAMES.map((t) => `${t} ${result.counts[t]}`).join(", ");
  console.log(
    `Generated scale ${result.scale} (seed ${result.seed}) in ${seconds.toFixed(1)} s: ${counts}` +
      (created > 0 ? `; ${created} demo user(s) created` : ""),
  );
});
