// The optimistic path of the import: the files go straight into the real
// tables with COPY, while Node checks every field's form as it streams.
//
// Clean imports are the common case. Here each file is read once: a scanner
// checks the CSV structure and each value against its column's type (the same
// rules as `validExpression` in schema.ts: a value that passes casts exactly,
// with nothing rounded or read in another style) without allocating per row,
// and hands whole runs of records on to COPY, so Node parses the next chunk
// while PostgreSQL ingests the last one. The database itself enforces the
// rest: primary and unique keys, foreign keys, CHECK constraints and the
// sale-date rule.
//
// Into empty tables this is a bulk load (lib/datagen/load.ts: keys and
// indexes dropped, COPY FREEZE, indexes rebuilt, foreign keys re-added with
// full validation, the sale-date rule checked in one query). Into tables that
// already hold rows, a plain COPY under the live keys, constraints, indexes and
// trigger: nothing is dropped, so a large table is never re-indexed for a
// small import.
//
// All of it runs inside a savepoint. The first problem (a malformed value, a
// broken structure, or a row the database refuses) aborts the COPY, rolls the
// savepoint back and returns "refused": the caller then stages the files and
// names every broken row (the report does not depend on this path).

import type { LoadSession } from "../../datagen/load";
import { DataValidationError, bulkLoad } from "../../datagen/load";
import type { TableName } from "../../datagen/tables";
import { quoteIdent } from "../../db/copy";
import { type ColumnType, TABLE_SPECS } from "./schema";
import { splitRecord } from "./csv";

/** Why the direct path gave up: the full validation will name the rows. */
export class NotClean extends Error {}

/** Kinds of field checks, by column. */
const enum Kind {
  Text,
  Int,
  BigInt,
  Vin,
  Numeric,
  Date,
  Timestamp,
  Enum,
}

type FieldCheck = { kind: Kind; re?: RegExp; values?: readonly string[] };

const DATE = "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])";
const TIME = "(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,6})?)?";
const ZONE = "(?:Z|z|[+-](?:0[0-9]|1[0-4])(?::?[0-5][0-9])?)?";

/** The check of one column: the JavaScript twin of `validExpression` (schema.ts). */
export function fieldCheck(type: ColumnType): FieldCheck {
  switch (type.kind) {
    case "text":
      return { kind: Kind.Text };
    case "int":
      return { kind: Kind.Int, re: /[+-]?[0-9]{1,10}/y };
    case "bigint":
      return { kind: Kind.BigInt, re: /[+-]?[0-9]{1,19}/y };
    case "vin":
      return { kind: Kind.Vin, re: /[A-HJ-NPR-Z0-9]{17}/y };
    case "numeric":
      return { kind: Kind.Numeric, re: new RegExp(`[+-]?[0-9]{1,${type.precision - type.scale}}(?:\\.[0-9]{1,${type.scale}})?`, "y") };
    case "date":
      return { kind: Kind.Date, re: new RegExp(DATE, "y") };
    case "timestamptz":
      return { kind: Kind.Timestamp, re: new RegExp(`${DATE}[T ]${TIME}${ZONE}`, "y") };
    case "enum":
      return { kind: Kind.Enum, values: type.values };
  }
}

const digit = (s: string, at: number) => s.charCodeAt(at) - 48;

/** The YYYY-MM-DD at `at` is a day of the calendar (year 0001–9999). */
function dayExists(s: string, at: number): boolean {
  const year = digit(s, at) * 1000 + digit(s, at + 1) * 100 + digit(s, at + 2) * 10 + digit(s, at + 3);
  if (year === 0) return false;
  const month = digit(s, at + 5) * 10 + digit(s, at + 6);
  const day = digit(s, at + 8) * 10 + digit(s, at + 9);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

const INT64_MAX = "9223372036854775807";

/** The value s[start, end) (not empty, without quotes) is valid for `check`. */
export function validField(check: FieldCheck, s: string, start: number, end: number): boolean {
  const { re } = check;
  if (re) {
    re.lastIndex = start;
    if (!re.test(s) || re.lastIndex !== end) return false;
  }
  switch (check.kind) {
    case Kind.Int: {
      let k = start;
      const sign = s.charCodeAt(k);
      const negative = sign === 45;
      if (negative || sign === 43) k++;
      if (end - k < 10) return true;
      let value = 0;
      for (; k < end; k++) value = value * 10 + digit(s, k);
      return negative ? value <= 2147483648 : value <= 2147483647;
    }
    case Kind.BigInt: {
      let k = start;
      const sign = s.charCodeAt(k);
      const negative = sign === 45;
      if (negative || sign === 43) k++;
      if (end - k < 19) return true;
      for (let d = 0; d < 19; d++) {
        const have = s.charCodeAt(k + d);
        const limit = d === 18 && negative ? 56 : INT64_MAX.charCodeAt(d); // …808 below zero
        if (have !== limit) return have < limit;
      }
      return true;
    }
    case Kind.Date:
    case Kind.Timestamp:
      return dayExists(s, start);
    case Kind.Enum: {
      const length = end - start;
      for (const value of check.values!) if (value.length === length && s.startsWith(value, start)) return true;
      return false;
    }
    default:
      return true;
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Scans CSV text record by record, checking each field, and returns the text
 * of the complete records (blank lines left out) for COPY. Throws NotClean at
 * the first problem of any kind. No per-row allocation: fields are checked in
 * place.
 */
export class CheckingScanner {
  private pending = "";
  /** Line ending of the file (COPY wants one style): 0 unknown, LF or CR (= CRLF). */
  private eol = 0;
  rows = 0;

  constructor(private readonly checks: readonly FieldCheck[]) {}

  /** Adds text; returns the records complete so far. */
  push(text: string): string {
    const s = this.pending.length > 0 ? this.pending + text : text;
    const { out, rest } = this.scan(s, false);
    this.pending = rest;
    return out;
  }

  /** The end of the input: returns the last records. */
  end(): string {
    const s = this.pending;
    this.pending = "";
    return s.length > 0 ? this.scan(s, true).out : "";
  }

  private scan(s: string, final: boolean): { out: string; rest: string } {
    const n = s.length;
    const checks = this.checks;
    const width = checks.length;
    let out = "";
    let segment = 0; // start of the run of records not yet copied to `out`
    let pos = 0;
    outer: while (pos < n) {
      const recordStart = pos;
      const first = s.charCodeAt(pos);
      if (first === LF || first === CR) {
        // A blank line: the scanner of the full validation skips it too.
        const next = first === CR ? pos + 1 : pos;
        if (next >= n && !final) break;
        if (first === CR && s.charCodeAt(next) !== LF) throw new NotClean("carriage return without a line feed");
        if (pos > segment) out += s.slice(segment, pos);
        pos = next + 1;
        segment = pos;
        continue;
      }
      let field = 0;
      let i = pos;
      for (;;) {
        const check = checks[field];
        if (check === undefined) throw new NotClean("more fields than in the header");
        let start: number;
        let end: number;
        if (i < n && s.charCodeAt(i) === QUOTE) {
          // Quoted field: up to a quote that is not doubled.
          start = i + 1;
          let escaped = false;
          let q = start;
          for (;;) {
            q = s.indexOf('"', q);
            if (q === -1 || q + 1 >= n) {
              if (!final) break outer;
              if (q === -1) throw new NotClean("unterminated quoted field");
              break;
            }
            if (s.charCodeAt(q + 1) === QUOTE) {
              escaped = true;
              q += 2;
              continue;
            }
            break;
          }
          end = q;
          i = q + 1;
          if (check.kind !== Kind.Text && (escaped || end === start || !validField(check, s, start, end))) {
            throw new NotClean(`field ${field + 1}: ${JSON.stringify(s.slice(start, Math.min(end, start + 40)))}`);
          }
        } else {
          start = i;
          for (; i < n; i++) {
            const c = s.charCodeAt(i);
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE || c === 0) throw new NotClean("quote or NUL in an unquoted field");
          }
          end = i;
          if (i >= n && !final) break outer;
          // Empty and unquoted: a missing value.
          if (end === start || (check.kind !== Kind.Text && !validField(check, s, start, end))) {
            throw new NotClean(`field ${field + 1}: ${end === start ? "missing" : JSON.stringify(s.slice(start, Math.min(end, start + 40)))}`);
          }
        }
        if (i >= n) {
          // The last record of the input, without a line ending.
          if (field + 1 !== width) throw new NotClean("fewer fields than in the header");
          this.rows++;
          out += s.slice(segment, n) + (this.eol === CR ? "\r\n" : "\n");
          return { out, rest: "" };
        }
        const c = s.charCodeAt(i);
        if (c === COMMA) {
          field++;
          i++;
          continue;
        }
        if (field + 1 !== width) throw new NotClean("fewer fields than in the header");
        let eol = LF;
        if (c === CR) {
          if (i + 1 >= n && !final) break outer;
          if (s.charCodeAt(i + 1) !== LF) throw new NotClean("carriage return without a line feed");
          eol = CR;
          i++;
        } else if (c !== LF) {
          throw new NotClean("unexpected character after a closing quote");
        }
        if (this.eol === 0) this.eol = eol;
        else if (this.eol !== eol) throw new NotClean("mixed line endings");
        this.rows++;
        pos = i + 1;
        continue outer;
      }
    }
    // `pos` is the start of an incomplete record (or the end).
    if (pos > segment) out += s.slice(segment, pos);
    return { out, rest: pos < n ? s.slice(pos) : "" };
  }
}

/** One file, opened, with its header read. */
type OpenFile = {
  table: TableName;
  header: string[];
  chunks: () => AsyncGenerator<string>;
  rows: () => number;
  close: () => Promise<void>;
};

export type DirectFile = {
  name: string;
  table: TableName;
  open(): AsyncIterable<Uint8Array>;
};

export type DirectHooks = {
  /** Bytes of a file were read. */
  onBytes(table: TableName, bytes: number, rows: number): void;
  /** A step began (for the time per step). */
  onStep(step: string): void;
};

/** Opens `file` and reads its header; throws NotClean when the header is not exactly the table's columns. */
async function openFile(file: DirectFile, hooks: DirectHooks): Promise<OpenFile> {
  const spec = TABLE_SPECS[file.table];
  const reader = file.open()[Symbol.asyncIterator]();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let text = "";
  let done = false;
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new NotClean("not UTF-8");
    }
  };
  const pull = async (): Promise<string> => {
    const next = await reader.next();
    if (next.done) {
      done = true;
      return decode();
    }
    hooks.onBytes(file.table, next.value.byteLength, 0);
    return decode(next.value);
  };
  const close = async () => {
    if (!done) {
      done = true;
      await reader.return?.();
    }
  };
  try {
    // The header: up to the first line ending (column names are never quoted across lines).
    let eol = -1;
    while ((eol = text.indexOf("\n")) === -1 && !done) text += await pull();
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      eol--;
    }
    const line = eol === -1 ? text : text.slice(0, eol);
    const raw = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (raw.length === 0 || raw.includes('"')) throw new NotClean("header");
    const header = splitRecord(raw);
    if (header.length !== spec.columns.length || new Set(header).size !== header.length || !header.every((h) => spec.columns.includes(h))) {
      throw new NotClean("header");
    }
    const scanner = new CheckingScanner(header.map((c) => fieldCheck(spec.types[c]!)));
    const rest = eol === -1 ? "" : text.slice(eol + 1);
    async function* chunks(): AsyncGenerator<string> {
      // Rows count once their text has been handed to COPY.
      let counted = 0;
      const tell = () => {
        hooks.onBytes(file.table, 0, scanner.rows - counted);
        counted = scanner.rows;
      };
      let out = scanner.push(rest);
      for (;;) {
        if (out.length > 0) yield out;
        tell();
        if (done) break;
        out = scanner.push(await pull());
      }
      out = scanner.end();
      if (out.length > 0) yield out;
      tell();
    }
    return { table: file.table, header, chunks, rows: () => scanner.rows, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function isDataError(error: unknown): boolean {
  if (error instanceof NotClean || error instanceof DataValidationError) return true;
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23") || code === "21000");
}

export type DirectResult =
  /** Every row is in. */
  | { outcome: "loaded"; counts: Partial<Record<TableName, number>> }
  /** Nothing written: something is wrong (or unusual) in the data. */
  | { outcome: "refused"; reason: string }
  /** Not tried (upsert into tables with rows). */
  | { outcome: "skipped" };

/**
 * Loads `files` (in foreign-key order) straight into their tables, inside a
 * savepoint of the session's transaction. The tables must be locked against
 * other writers by the caller.
 */
export async function loadDirect(session: LoadSession, files: readonly DirectFile[], upsert: boolean, hooks: DirectHooks): Promise<DirectResult> {
  const tables = files.map((f) => f.table);
  const occupied = new Set(
    (
      await session.query<{ t: TableName }>(
        tables.map((t) => `SELECT '${t}'::text AS t WHERE EXISTS (SELECT 1 FROM ${quoteIdent(t)})`).join(" UNION ALL "),
      )
    ).map((r) => r.t),
  );
  // Upsert into tables with rows needs INSERT … ON CONFLICT: the staging path.
  if (upsert && occupied.size > 0) return { outcome: "skipped" };

  const opened: OpenFile[] = [];
  await session.exec("SAVEPOINT import_direct");
  try {
    for (const file of files) opened.push(await openFile(file, hooks));
    const counts: Partial<Record<TableName, number>> = {};
    const byTable = new Map(opened.map((o) => [o.table, o]));
    const copy = async (o: OpenFile, freeze: boolean) => {
      const n = await session.copy(o.table, o.header, o.chunks(), freeze);
      if (n !== o.rows()) throw new Error(`COPY into ${o.table} wrote ${n} rows, ${o.rows()} were sent`);
      counts[o.table] = n;
      return n;
    };
    // Tables with rows first (their parents hold rows too, so are among them):
    // under the live keys, constraints and trigger.
    hooks.onStep("copy");
    for (const o of opened) if (occupied.has(o.table)) await copy(o, false);
    const empty = opened.filter((o) => !occupied.has(o.table)).map((o) => o.table);
    if (empty.length > 0) {
      await bulkLoad(
        {
          ...session,
          copy: (table, _columns, _source, freeze) => copy(byTable.get(table as TableName)!, freeze),
        },
        {
          tables: empty,
          columns: Object.fromEntries(opened.map((o) => [o.table, o.header])) as unknown as Record<TableName, readonly string[]>,
          rebuildPrimaryKeys: empty,
          source: () => [],
          replace: false,
          onStep: (step) => hooks.onStep(step.step),
        },
      );
      if (empty.includes("salesorders") && !empty.includes("vehicles")) {
        // The bulk load checks the sale-date rule only when it loads both tables.
        const [row] = await session.query<{ broken: boolean }>(
          "SELECT EXISTS (SELECT 1 FROM salesorders s JOIN vehicles v ON v.vin = s.vin WHERE s.sale_date < v.manufacture_date) AS broken",
        );
        if (row?.broken) throw new DataValidationError("an order is dated before its vehicle was built");
      }
    }
    await session.exec("RELEASE SAVEPOINT import_direct");
    return { outcome: "loaded", counts };
  } catch (error) {
    if (!isDataError(error)) throw error;
    await session.exec("ROLLBACK TO SAVEPOINT import_direct");
    return { outcome: "refused", reason: (error as Error).message };
  } finally {
    for (const o of opened) await o.close().catch(() => undefined);
  }
}
