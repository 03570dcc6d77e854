// Import of a set of CSV files into the warehouse tables, as one transaction.
//
//   1. Each file is read as a stream: the scanner checks its structure (UTF-8,
//      quoting, field counts) and the raw records, prefixed with their line
//      number, go straight into COPY … FROM STDIN of a TEMP staging table whose
//      columns are all text.
//   2. Fast path: a set-based form check of the staged text (dates, money,
//      numbers), then INSERT … SELECT with casts into the real tables, in
//      foreign-key order, inside a savepoint. The database's own keys,
//      constraints and trigger guard the rows.
//   3. If anything was wrong (a structural problem, a form check, or the
//      INSERT refused the data), the savepoint is rolled back and every rule of
//      the contract is checked in SQL over the staged rows, naming the file,
//      line, column and reason of each rejected row. Nothing is written.
//
// Every row lands or none does: the whole import is one transaction, and a
// lost connection rolls it back on the server.

import { type CopySource, quoteIdent } from "../../db/copy";
import type { Database } from "../../db/open";
import { DataValidationError, type LoadSession, bulkLoad, isConnectionLoss, withLoadSession } from "../../datagen/load";
import { TABLE_NAMES, type TableName } from "../../datagen/tables";
import { CsvScanner, splitRecord } from "./csv";
import { loadDirect } from "./direct";
import { type TableSpec, TABLE_SPECS, describeType, literal, sqlType, validExpression } from "./schema";

/** One CSV file of the set: `open` may be called once. */
export type ImportFile = {
  /** The file name as given (`plants.csv`): used in reports. */
  name: string;
  table: TableName;
  /** Size in bytes, if known (for progress). */
  size?: number;
  open(): AsyncIterable<Uint8Array>;
};

export type ImportOptions = {
  /** Update rows whose primary key exists (INSERT … ON CONFLICT DO UPDATE) instead of rejecting them. */
  upsert?: boolean;
  /** How many rejected rows to list (the rest are counted); default 100. */
  maxErrors?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Try the direct path first (default true); false stages every file (for comparisons and tests). */
  direct?: boolean;
};

export type ImportPhase = "read" | "validate" | "insert" | "commit";

export type ImportProgress = {
  phase: ImportPhase;
  table?: TableName;
  /** Bytes read so far, of `bytesTotal` (0 when the sizes are unknown). */
  bytesDone: number;
  bytesTotal: number;
  /** Records staged so far. */
  rowsRead: number;
};

/** A rejected row (or header, or file): where and why. */
export type Rejection = { file: string; line: number; column: string; reason: string };

export type ImportSuccess = {
  ok: true;
  counts: Partial<Record<TableName, number>>;
  rows: number;
  seconds: number;
  upsert: boolean;
  /** Seconds spent per step (read, insert, index, constraint, …), in the order first reached. */
  phases: Record<string, number>;
};
export type ImportRejected = {
  ok: false;
  /** The first `maxErrors` rejections, by file (in load order) and line. */
  rejections: Rejection[];
  /** All rejections found. */
  rejectedCount: number;
  seconds: number;
};
export type ImportResult = ImportSuccess | ImportRejected;

/** The import could not run to a verdict (connection lost, database error). Nothing was written. */
export class ImportFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ImportFailedError";
  }
}

export const DEFAULT_MAX_ERRORS = 100;

/** The table a file name stands for (`plants.csv` → plants), or null. */
export function tableOfFileName(name: string): TableName | null {
  const match = /^([a-z]+)\.csv$/i.exec(name.trim());
  const table = match?.[1]?.toLowerCase();
  return table && (TABLE_NAMES as readonly string[]).includes(table) ? (table as TableName) : null;
}

const staging = (table: TableName) => `import_${table}`;
const typed = (table: TableName) => `import_${table}_typed`;
const q = quoteIdent;

type Staged = {
  file: ImportFile;
  spec: TableSpec;
  /** Null when the header was unusable: nothing of the file was staged. */
  header: string[] | null;
  rows: number;
};

/** Wall-clock seconds per step: `enter(step)` closes the running step and opens the next. */
export class PhaseClock {
  readonly seconds: Record<string, number> = {};
  private current: string | null = null;
  private since = performance.now();
  enter(step: string | null): void {
    const now = performance.now();
    if (this.current !== null) this.seconds[this.current] = (this.seconds[this.current] ?? 0) + (now - this.since) / 1000;
    this.current = step;
    this.since = now;
  }
}

/** Collects rejections: keeps the first `limit` of each source, counts them all. */
class RejectionLog {
  readonly list: Rejection[] = [];
  count = 0;
  constructor(private readonly limit: number) {}
  add(rejection: Rejection): void {
    this.count++;
    if (this.list.length < this.limit * 8) this.list.push(rejection);
  }
  addCounted(rejections: Rejection[], total: number): void {
    this.list.push(...rejections);
    this.count += total;
  }
}

class Rejected extends Error {
  constructor(readonly log: RejectionLog) {
    super("import rejected");
  }
}

/** Errors that mean the data was refused (not that the database or the connection failed). */
function isDataError(error: unknown): boolean {
  if (error instanceof DataValidationError || error instanceof NotCanonical) return true;
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23") || code === "21000");
}


/**
 * Imports `files` (at most one per table) in one transaction. Resolves with the
 * counts, or with the rejection report when any row is refused (then nothing
 * was written). Rejects with ImportFailedError when the import could not run.
 */
export async function importCsvFiles(db: Database, files: readonly ImportFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const started = performance.now();
  const maxErrors = Math.max(1, options.maxErrors ?? DEFAULT_MAX_ERRORS);
  const seen = new Set<TableName>();
  for (const file of files) {
    if (seen.has(file.table)) throw new Error(`two files for table ${file.table}`);
    seen.add(file.table);
  }
  const ordered = TABLE_NAMES.flatMap((t) => files.filter((f) => f.table === t));
  if (ordered.length === 0) throw new Error("no files to import");
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const clock = new PhaseClock();
    clock.enter("prepare");
    const counts = await withLoadSession(db, async (session) => {
      const counts = await runImport(session, ordered, options, maxErrors, clock);
      clock.enter("commit");
      return counts;
    });
    clock.enter(null);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    return { ok: true, counts, rows, seconds: seconds(), upsert: options.upsert ?? false, phases: clock.seconds };
  } catch (error) {
    if (error instanceof Rejected) {
      const order = new Map(ordered.map((f, k) => [f.name, k]));
      const all = error.log.list.sort(
        (a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column.localeCompare(b.column),
      );
      return { ok: false, rejections: all.slice(0, maxErrors), rejectedCount: error.log.count, seconds: seconds() };
    }
    if (error instanceof ImportFailedError) throw error;
    if (isConnectionLoss(error)) {
      throw new ImportFailedError(
        `the database connection was lost during the import (${(error as Error).message}); ` +
          "the transaction was rolled back and nothing was imported",
        { cause: error },
      );
    }
    throw new ImportFailedError(`the import failed and was rolled back, nothing was imported: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function runImport(
  session: LoadSession,
  files: readonly ImportFile[],
  options: ImportOptions,
  maxErrors: number,
  clock: PhaseClock,
): Promise<Partial<Record<TableName, number>>> {
  const upsert = options.upsert ?? false;
  const log = new RejectionLog(maxErrors);
  const bytesTotal = files.reduce((sum, f) => sum + (f.size ?? 0), 0);
  const progress = { bytesDone: 0, bytesTotal, rowsRead: 0 };
  const report = (phase: ImportPhase, table?: TableName) => options.onProgress?.({ phase, table, ...progress });

  if (session.kind === "postgres") {
    // Staging tables live in local buffers: more of them saves writes. Only
    // possible before the session's first temporary table, hence the savepoint.
    await session.exec("SAVEPOINT import_settings");
    try {
      await session.exec("SET LOCAL temp_buffers = '256MB'");
      await session.exec("RELEASE SAVEPOINT import_settings");
    } catch {
      await session.exec("ROLLBACK TO SAVEPOINT import_settings");
    }
  }
  await session.exec("SET LOCAL TimeZone = 'UTC'");
  await session.exec("SET LOCAL DateStyle = 'ISO, YMD'");
  if (session.kind === "postgres") await session.exec("SET LOCAL work_mem = '128MB'");
  // Readers go on; other writers wait until the import is done.
  await session.exec(`LOCK TABLE ${files.map((f) => q(f.table)).join(", ")} IN SHARE ROW EXCLUSIVE MODE`);

  // First the optimistic path: straight into the tables (direct.ts).
  let current: TableName | undefined;
  const direct: Awaited<ReturnType<typeof loadDirect>> = options.direct === false ? { outcome: "skipped" } : await loadDirect(session, files, upsert, {
    onBytes(table, bytes, rows) {
      progress.bytesDone += bytes;
      progress.rowsRead += rows;
      if (table !== current) current = table;
      report("read", table);
    },
    onStep(step) {
      clock.enter(step === "copy" ? "copy" : step);
      if (step !== "copy" && step !== "prepare") report("insert", current);
    },
  });
  if (direct.outcome === "loaded") {
    report("commit");
    return direct.counts;
  }

  // Then the files are staged and checked in SQL, which names every broken row.
  progress.bytesDone = 0;
  progress.rowsRead = 0;
  const staged: Staged[] = [];
  clock.enter("stage");
  for (const file of files) {
    report("read", file.table);
    staged.push(await stageFile(session, file, log, progress, () => report("read", file.table)));
  }

  if (log.count === 0) {
    // After a refusal of the direct path the set-based insert would fail the
    // same way: go straight to the checks.
    const fast = direct.outcome === "skipped" ? await tryFastPath(session, staged, upsert, report, clock) : { ok: false as const };
    if (fast.ok) {
      report("commit");
      return Object.fromEntries(staged.map((s) => [s.spec.table, s.rows]));
    }
    report("validate");
    clock.enter("report");
    await validate(session, staged, upsert, log, maxErrors);
    if (log.count > 0) throw new Rejected(log);
    if (fast.error) throw new ImportFailedError(`the database refused the data: ${(fast.error as Error).message}`, { cause: fast.error });
    // Only the quick form check was unsure (e.g. timestamps written as …T…Z):
    // every rule holds, so the rows go in the plain way.
    clock.enter("insert");
    await session.exec("SAVEPOINT import_rows");
    try {
      for (const s of staged) {
        report("insert", s.spec.table);
        await insertStaged(session, s, upsert, false);
      }
      await session.exec("RELEASE SAVEPOINT import_rows");
    } catch (error) {
      if (!isDataError(error)) throw error;
      throw new ImportFailedError(`the database refused the data: ${(error as Error).message}`, { cause: error });
    }
    report("commit");
    return Object.fromEntries(staged.map((s) => [s.spec.table, s.rows]));
  }
  report("validate");
  clock.enter("report");
  await validate(session, staged, upsert, log, maxErrors);
  if (log.count === 0) throw new ImportFailedError("the data failed a check but no row could be named");
  throw new Rejected(log);
}

/**
 * The fast path: when every staged value is in its canonical form (a cheap
 * round-trip cast check), the rows are moved into the real tables inside a
 * savepoint. Into empty tables this is a bulk load (keys and indexes rebuilt
 * afterwards, foreign keys re-added with full validation, the sale-date rule
 * checked in one query); otherwise plain INSERTs under the live constraints.
 * `{ ok: false }` (savepoint rolled back) when the check was unsure or the
 * database refused a row: the caller then names the rows.
 */
async function tryFastPath(
  session: LoadSession,
  staged: readonly Staged[],
  upsert: boolean,
  report: (phase: ImportPhase, table?: TableName) => void,
  clock: PhaseClock,
): Promise<{ ok: true } | { ok: false; error?: unknown }> {
  await session.exec("SAVEPOINT import_rows");
  try {
    const tables = staged.map((s) => s.spec.table);
    const occupied = await session.query<{ t: string }>(
      tables.map((t) => `SELECT ${literal(t)} AS t WHERE EXISTS (SELECT 1 FROM ${q(t)})`).join(" UNION ALL "),
    );
    if (occupied.length === 0) {
      const byTable = new Map(staged.map((s) => [s.spec.table, s]));
      await bulkLoad(
        {
          ...session,
          // The "copy" of a table moves its staged rows.
          copy: async (table) => {
            const s = byTable.get(table as TableName)!;
            report("insert", s.spec.table);
            return insertStaged(session, s, false);
          },
        },
        {
          tables,
          columns: Object.fromEntries(staged.map((s) => [s.spec.table, s.spec.columns])) as Record<TableName, readonly string[]>,
          rebuildPrimaryKeys: tables,
          source: () => [],
          replace: false,
          onStep: (step) => clock.enter(step.step === "copy" ? "insert" : step.step),
        },
      );
      if (tables.includes("salesorders") && !tables.includes("vehicles")) {
        // The bulk load checks the sale-date rule only when it loads both tables.
        const [row] = await session.query<{ broken: boolean }>(
          "SELECT EXISTS (SELECT 1 FROM salesorders s JOIN vehicles v ON v.vin = s.vin WHERE s.sale_date < v.manufacture_date) AS broken",
        );
        if (row?.broken) throw new DataValidationError("an order is dated before its vehicle was built");
      }
    } else {
      clock.enter("insert");
      for (const s of staged) {
        report("insert", s.spec.table);
        await insertStaged(session, s, upsert);
      }
    }
    await session.exec("RELEASE SAVEPOINT import_rows");
    return { ok: true };
  } catch (error) {
    if (!isDataError(error)) throw error;
    await session.exec("ROLLBACK TO SAVEPOINT import_rows");
    return { ok: false, error: error instanceof NotCanonical ? undefined : error };
  }
}

/** Checks the header against the table's columns; returns the problems. */
export function headerProblems(header: readonly string[], spec: TableSpec): string[][] {
  const problems: string[][] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!spec.columns.includes(name)) {
      problems.push([name, `unknown column "${name}" for ${spec.table}; the columns are ${spec.columns.join(", ")}`]);
    } else if (seen.has(name)) {
      problems.push([name, `duplicate column "${name}" in the header`]);
    }
    seen.add(name);
  }
  for (const name of spec.columns) if (!seen.has(name)) problems.push([name, `missing column "${name}" in the header`]);
  return problems;
}

/** Streams one file into its staging table. */
async function stageFile(
  session: LoadSession,
  file: ImportFile,
  log: RejectionLog,
  progress: { bytesDone: number; rowsRead: number },
  onChunk: () => void,
): Promise<Staged> {
  const spec = TABLE_SPECS[file.table];
  const reject = (line: number, column: string, reason: string) => log.add({ file: file.name, line, column, reason });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const reader = file.open()[Symbol.asyncIterator]();
  let header: string[] | null = null;
  let headerSeen = false;
  let out = "";
  let rows = 0;
  let done = false;
  let bytes = 0;
  const scanner = new CsvScanner(
    (record) => {
      if (!headerSeen) {
        headerSeen = true;
        header = splitRecord(record.raw);
        return;
      }
      const width = (header as string[] | null)?.length ?? 0;
      if (record.fields !== width) {
        reject(record.line, "", `expected ${width} field${width === 1 ? "" : "s"} as in the header, found ${record.fields}`);
        return;
      }
      out += `${record.line},${record.raw}\n`;
      rows++;
    },
    (problem) => reject(problem.line, "", `malformed CSV: ${problem.reason}`),
  );
  const pull = async (): Promise<void> => {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await reader.next();
    } catch (error) {
      throw new ImportFailedError(`could not read ${file.name}: ${(error as Error).message}`, { cause: error });
    }
    try {
      if (next.done) {
        scanner.push(decoder.decode());
        scanner.end();
        done = true;
        return;
      }
      bytes += next.value.byteLength;
      progress.bytesDone += next.value.byteLength;
      scanner.push(decoder.decode(next.value, { stream: true }));
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      reject(0, "", `not UTF-8 text: invalid bytes within the first ${bytes} bytes of the file`);
      done = true;
      await reader.return?.();
    }
  };

  while (!headerSeen && !done) await pull();
  const finalHeader = header as string[] | null;
  if (!finalHeader) {
    if (!headerSeen) reject(1, "", "the file is empty: a header row with the column names is expected");
    await reader.return?.();
    return { file, spec, header: null, rows: 0 };
  }
  const problems = headerProblems(finalHeader, spec);
  if (problems.length > 0) {
    for (const [column, reason] of problems) reject(1, column ?? "", reason ?? "");
    await reader.return?.();
    return { file, spec, header: null, rows: 0 };
  }

  const columns = spec.columns.map((c) => `${q(c)} text`).join(", ");
  await session.exec(`CREATE TEMP TABLE ${q(staging(spec.table))} (_line integer NOT NULL, ${columns}) ON COMMIT DROP`);
  let reported = 0;
  async function* chunks(): AsyncGenerator<string> {
    for (;;) {
      if (out.length > 0) {
        const text = out;
        out = "";
        yield text;
        progress.rowsRead += rows - reported;
        reported = rows;
        onChunk();
      }
      if (done) return;
      await pull();
    }
  }
  const source: CopySource = chunks();
  await session.copy(staging(spec.table), ["_line", ...finalHeader], source, false);
  progress.rowsRead += rows - reported;
  return { file, spec, header: finalHeader, rows };
}

/**
 * The round-trip test of the fast path for one non-text column: the staged
 * text equals its typed value written back as text (no digit rounded away, no
 * date read in another style). Null when the column needs none (text; enum
 * values and VINs are guarded by the tables' CHECK constraints).
 */
function canonicalTest(column: string, s: Staged): string | null {
  const type = s.spec.types[column]!;
  const raw = q(`r_${column}`);
  const value = q(column);
  switch (type.kind) {
    case "int":
    case "bigint":
    case "date":
    case "timestamptz":
      return `${value}::text = ${raw}`;
    case "numeric":
      // numeric(p,s) pads the scale: compare through the unconstrained numeric.
      return `${raw}::numeric::text = ${raw} AND scale(${raw}::numeric) <= ${type.scale}`;
    default:
      return null;
  }
}

function castExpression(column: string, s: Staged, source = ""): string {
  const type = s.spec.types[column]!;
  const ref = `${source}${q(column)}`;
  return type.kind === "text" || type.kind === "enum" ? ref : `${ref}::${sqlType(type)}`;
}

/**
 * INSERT … SELECT of the staged rows with casts, counting what it wrote. With
 * `canonicalOnly`, rows whose values are not in canonical form are left out,
 * so that a count short of the staged rows sends the import to the full
 * validation (a value that does not cast at all raises a data error).
 */
function insertStatement(s: Staged, upsert: boolean, canonicalOnly = true): string {
  const { spec } = s;
  const columns = spec.columns.map(q).join(", ");
  const tests = canonicalOnly ? spec.columns.map((c) => canonicalTest(c, s)).filter((t): t is string => t !== null) : [];
  let select: string;
  if (tests.length > 0) {
    const inner = spec.columns.map((c) => `${castExpression(c, s)} AS ${q(c)}, ${q(c)} AS ${q(`r_${c}`)}`).join(", ");
    // OFFSET 0 keeps the subquery: each value is cast once.
    select = `SELECT ${columns} FROM (SELECT ${inner} FROM ${q(staging(spec.table))} OFFSET 0) v WHERE ${tests.join(" AND ")}`;
  } else {
    select = `SELECT ${spec.columns.map((c) => castExpression(c, s)).join(", ")} FROM ${q(staging(spec.table))}`;
  }
  let sql = `INSERT INTO ${q(spec.table)} (${columns}) ${select}`;
  if (upsert) {
    const updates = spec.columns.filter((c) => !spec.primaryKey.includes(c)).map((c) => `${q(c)} = EXCLUDED.${q(c)}`);
    sql += ` ON CONFLICT (${spec.primaryKey.map(q).join(", ")}) DO UPDATE SET ${updates.join(", ")}`;
  }
  return `WITH written AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM written`;
}

/** Runs the insert of `s`; throws NotCanonical when rows were left out. */
async function insertStaged(session: LoadSession, s: Staged, upsert: boolean, canonicalOnly = true): Promise<number> {
  const [row] = await session.query<{ n: number }>(insertStatement(s, upsert, canonicalOnly));
  const n = Number(row?.n ?? 0);
  if (n !== s.rows) throw new NotCanonical();
  return n;
}

/** Some staged value was not in canonical form: the full validation decides. */
class NotCanonical extends Error {}

type Problem = { line: number; column: string; reason: string; total: string | number };

/** Checks every rule over the staged rows and logs each broken one. */
async function validate(session: LoadSession, staged: readonly Staged[], upsert: boolean, log: RejectionLog, maxErrors: number) {
  const present = new Map(staged.filter((s) => s.header).map((s) => [s.spec.table, s]));
  for (const s of staged) {
    if (!s.header) continue;
    const { spec } = s;
    const t = q(typed(spec.table));
    const select = spec.columns.map((c) => {
      const type = spec.types[c]!;
      const raw = q(c);
      const value = type.kind === "text" ? raw : `CASE WHEN ${raw} IS NOT NULL AND (${validExpression(raw, type)}) THEN ${castExpression(c, s)} END`;
      return `${raw} AS ${q(`r_${c}`)}, ${value} AS ${raw}`;
    });
    await session.exec(`CREATE TEMP TABLE ${t} ON COMMIT DROP AS SELECT _line, ${select.join(", ")} FROM ${q(staging(spec.table))}`);
    // Key lookups from the other files' checks.
    await session.exec(`CREATE INDEX ON ${t} (${spec.primaryKey.map(q).join(", ")})`);
    if (session.kind === "postgres") await session.exec(`ANALYZE ${t}`);
  }

  for (const s of staged) {
    if (!s.header) continue;
    const { spec } = s;
    const t = q(typed(spec.table));
    const parts: string[] = [];
    const add = (column: string, reason: string, from: string) => parts.push(`SELECT _line, ${literal(column)} AS col, ${reason} AS reason ${from}`);
    const show = (expr: string) => `quote_literal(left(${expr}::text, 80))`;

    for (const c of spec.columns) {
      const type = spec.types[c]!;
      const raw = q(`r_${c}`);
      add(c, literal("missing value"), `FROM ${t} WHERE ${raw} IS NULL`);
      if (type.kind !== "text") {
        add(c, `${literal(`must be ${describeType(type)}, found `)} || ${show(raw)}`, `FROM ${t} WHERE ${raw} IS NOT NULL AND ${q(c)} IS NULL`);
      }
    }
    for (const check of spec.checks) {
      add(check.column, `${literal(`${check.column} ${check.reason}, found `)} || ${q(check.column)}::text`, `FROM ${t} WHERE ${q(check.column)} IS NOT NULL AND NOT (${check.sql})`);
    }

    const pk = spec.primaryKey.map(q);
    const pkLabel = spec.primaryKey.join(", ");
    const pkValues = pk.map((c) => `${c}::text`).join(` || ', ' || `);
    const pkNotNull = pk.map((c) => `${c} IS NOT NULL`).join(" AND ");
    // Duplicate keys within the file: every occurrence after the first.
    add(
      pkLabel,
      `'duplicate key (${pkLabel})=(' || ${pkValues} || ') in the file, first on line ' || first`,
      `FROM (SELECT _line, ${pk.join(", ")}, min(_line) OVER (PARTITION BY ${pk.join(", ")}) AS first FROM ${t} WHERE ${pkNotNull}) d WHERE _line <> first`,
    );
    for (const u of spec.unique) {
      add(
        u,
        `'duplicate ${u} ' || ${show(q(u))} || ' in the file, first on line ' || first`,
        `FROM (SELECT _line, ${q(u)}, min(_line) OVER (PARTITION BY ${q(u)}) AS first FROM ${t} WHERE ${q(u)} IS NOT NULL) d WHERE _line <> first`,
      );
    }
    // Against the rows already in the database.
    const samePk = spec.primaryKey.map((c) => `e.${q(c)} = s.${q(c)}`).join(" AND ");
    if (!upsert) {
      add(
        pkLabel,
        `'duplicate key (${pkLabel})=(' || ${pk.map((c) => `s.${c}::text`).join(` || ', ' || `)} || '): already in the database (import with upsert to update existing rows)'`,
        `FROM ${t} s WHERE ${spec.primaryKey.map((c) => `s.${q(c)} IS NOT NULL`).join(" AND ")} AND EXISTS (SELECT 1 FROM ${q(spec.table)} e WHERE ${samePk})`,
      );
    }
    for (const u of spec.unique) {
      const key = q(spec.primaryKey[0]!);
      const replaced = upsert ? ` AND NOT EXISTS (SELECT 1 FROM ${t} r WHERE r.${key} = e.${key})` : "";
      add(
        u,
        `'duplicate ${u} ' || ${show(`s.${q(u)}`)} || ': already used by ${spec.primaryKey[0]} ' || (SELECT e.${key}::text FROM ${q(spec.table)} e WHERE e.${q(u)} = s.${q(u)} LIMIT 1) || ' in the database'`,
        `FROM ${t} s WHERE s.${q(u)} IS NOT NULL AND EXISTS (SELECT 1 FROM ${q(spec.table)} e WHERE e.${q(u)} = s.${q(u)} AND e.${key} IS DISTINCT FROM s.${key}${replaced})`,
      );
    }
    // Foreign keys: the parent row is in the database or in the parent's file.
    for (const fk of spec.foreignKeys) {
      const parentStaged = present.get(fk.parent);
      const parentFile = files(staged, fk.parent);
      if (parentFile && !parentStaged) continue; // the parent file itself was refused: its rows are unknown
      const inFile = parentStaged ? ` AND NOT EXISTS (SELECT 1 FROM ${q(typed(fk.parent))} p WHERE p.${q(fk.parentColumn)} = s.${q(fk.column)})` : "";
      const where = parentStaged ? ` (neither in ${parentStaged.file.name} nor in the database)` : " (not in the database)";
      add(
        fk.column,
        `'unknown ${fk.column} ' || ${show(`s.${q(fk.column)}`)} || ': no such row in ${fk.parent}${where}'`,
        `FROM ${t} s WHERE s.${q(fk.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(fk.parent)} p WHERE p.${q(fk.parentColumn)} = s.${q(fk.column)})${inFile}`,
      );
    }
    if (spec.table === "salesorders" && !(files(staged, "vehicles") && !present.has("vehicles"))) {
      // The vehicle as the import leaves it: from vehicles.csv if there, else from the database.
      const stagedVehicles = present.has("vehicles")
        ? `LEFT JOIN (SELECT DISTINCT ON (vin) vin, manufacture_date FROM ${q(typed("vehicles"))} WHERE vin IS NOT NULL ORDER BY vin, _line) sv ON sv.vin = s.vin`
        : "LEFT JOIN (SELECT NULL::char(17) AS vin, NULL::date AS manufacture_date) sv ON false";
      add(
        "sale_date",
        `'sale_date ' || s.sale_date::text || ' is before the manufacture_date ' || coalesce(sv.manufacture_date, v.manufacture_date)::text || ' of vehicle ' || s.vin`,
        `FROM ${t} s ${stagedVehicles} LEFT JOIN vehicles v ON v.vin = s.vin WHERE s.sale_date < coalesce(sv.manufacture_date, v.manufacture_date)`,
      );
    }
    if (spec.table === "vehicles" && upsert) {
      const replacedOrder = present.has("salesorders")
        ? ` AND NOT EXISTS (SELECT 1 FROM ${q(typed("salesorders"))} r WHERE r.order_id = o.order_id)`
        : "";
      add(
        "manufacture_date",
        `'manufacture_date ' || s.manufacture_date::text || ' is after the sale_date ' || o.sale_date::text || ' of order ' || o.order_id::text`,
        `FROM ${t} s JOIN salesorders o ON o.vin = s.vin WHERE o.sale_date < s.manufacture_date${replacedOrder}`,
      );
    }

    const rows = await session.query<Problem>(
      `SELECT _line AS line, col AS column, reason, count(*) OVER () AS total FROM (${parts.join("\nUNION ALL\n")}) u ORDER BY _line, col LIMIT ${maxErrors}`,
    );
    const total = Number(rows[0]?.total ?? 0);
    log.addCounted(
      rows.map((r) => ({ file: s.file.name, line: Number(r.line), column: r.column, reason: r.reason })),
      total,
    );
  }
}

function files(staged: readonly Staged[], table: TableName): Staged | undefined {
  return staged.find((s) => s.spec.table === table);
}
