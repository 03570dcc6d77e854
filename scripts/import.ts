// npm run import -- <folder> [--upsert] [--max-errors N]
// Imports the CSV files of a folder (plants.csv, …, servicerecords.csv; any
// subset) into the configured database (DATABASE_URL, else the embedded one)
// as one transaction. Exit code 0: imported; 1: rejected or failed; 2: usage.
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { TABLE_NAMES } from "../lib/datagen/tables";
import { ImportFolderError, importFilesFromFolder } from "../lib/ops/import/files";
import { DEFAULT_MAX_ERRORS, type ImportFile, type ImportProgress, importCsvFiles } from "../lib/ops/import";
import { runWithDatabase } from "./cli";

const USAGE = `usage: npm run import -- <folder> [--upsert] [--max-errors N]

  <folder>          a folder with one or more of ${TABLE_NAMES.map((t) => `${t}.csv`).join(", ")}
                    (format: docs/import.md)
  --upsert          update rows whose key already exists instead of rejecting them
  --max-errors N    list at most N rejected rows (default ${DEFAULT_MAX_ERRORS}); all are counted`;

function usageError(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine(): { folder: string; upsert: boolean; maxErrors: number } {
  let parsed: { values: { upsert?: boolean; "max-errors"?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        upsert: { type: "boolean", default: false },
        "max-errors": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length === 0) usageError("the folder with the CSV files is missing");
  if (positionals.length > 1) usageError(`one folder only, got ${positionals.length}: ${positionals.join(" ")}`);
  let maxErrors = DEFAULT_MAX_ERRORS;
  if (values["max-errors"] !== undefined) {
    const text = values["max-errors"].trim();
    maxErrors = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(maxErrors) || maxErrors < 1) usageError(`--max-errors must be a positive integer, got "${values["max-errors"]}"`);
  }
  return { folder: positionals[0]!, upsert: values.upsert ?? false, maxErrors };
}

const PHASE_LABEL: Record<ImportProgress["phase"], string> = {
  read: "reading",
  validate: "validating",
  insert: "inserting",
  commit: "committing",
};

const MiB = 1024 * 1024;

/** A progress bar on a terminal; otherwise a plain line every few seconds and at each new phase. */
function progressReporter(started: number) {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: "{phase} |{bar}| {percentage}% | {mb}/{totalMb} MiB | {rows} rows | {table}",
        stream: process.stdout,
        hideCursor: true,
        clearOnComplete: true,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    let running = false;
    return {
      update(p: ImportProgress) {
        const payload = {
          phase: PHASE_LABEL[p.phase].padEnd(10),
          table: p.table ?? "",
          rows: p.rowsRead,
          mb: (p.bytesDone / MiB).toFixed(1),
          totalMb: (p.bytesTotal / MiB).toFixed(1),
        };
        if (!running) {
          bar.start(Math.max(1, p.bytesTotal), p.bytesDone, payload);
          running = true;
          return;
        }
        bar.update(p.bytesDone, payload);
      },
      stop() {
        if (running) bar.stop();
        running = false;
      },
    };
  }
  let lastLine = 0;
  let lastKey = "";
  return {
    update(p: ImportProgress) {
      const key = `${p.phase}:${p.table ?? ""}`;
      const now = Date.now();
      if (key === lastKey && now - lastLine < 5000) return;
      lastKey = key;
      lastLine = now;
      const pct = p.bytesTotal > 0 ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`[${seconds}s] ${PHASE_LABEL[p.phase]}${p.table ? ` ${p.table}` : ""}: ${p.rowsRead} rows read (${pct}% of the bytes)`);
    },
    stop() {},
  };
}

const options = parseCommandLine();
let files: ImportFile[];
try {
  files = importFilesFromFolder(options.folder);
} catch (error) {
  if (error instanceof ImportFolderError) usageError(error.message);
  throw error;
}

const started = performance.now();
await runWithDatabase(async (db) => {
  console.log(`Importing ${files.map((f) => f.name).join(", ")}${options.upsert ? " (upsert)" : ""}`);
  const progress = progressReporter(started);
  let result;
  try {
    result = await importCsvFiles(db, files, {
      upsert: options.upsert,
      maxErrors: options.maxErrors,
      onProgress: (p) => progress.update(p),
    });
  } finally {
    progress.stop();
  }
  if (!result.ok) {
    console.error(`Rejected: ${result.rejectedCount} problem(s) found; nothing was imported.`);
    const rows = result.rejections.map((r) => [r.file, String(r.line), r.column || "-", r.reason]);
    const widths = [0, 1, 2].map((k) => Math.max(["file", "line", "column"][k]!.length, ...rows.map((r) => r[k]!.length)));
    const line = (cells: string[]) => cells.map((c, k) => (k < 3 ? c.padEnd(widths[k]!) : c)).join("  ");
    console.error(line(["file", "line", "column", "reason"]));
    for (const r of rows) console.error(line(r));
    if (result.rejectedCount > result.rejections.length) {
      console.error(`… and ${result.rejectedCount - result.rejections.length} more (raise --max-errors to list them)`);
    }
    process.exitCode = 1;
    return;
  }
  const counts = TABLE_NAMES.filter((t) => result.counts[t] !== undefined).map((t) => `${t} ${result.counts[t]}`);
  const rate = result.seconds > 0 ? Math.round(result.rows / result.seconds) : result.rows;
  console.log(
    `Imported ${result.rows} rows${result.upsert ? " (upsert)" : ""} in ${result.seconds.toFixed(2)} s (${rate.toLocaleString("en-US")} rows/s): ${counts.join(", ")}`,
  );
});
