// Bulk loading through COPY ... FROM STDIN (PostgreSQL) or COPY ... FROM
// '/dev/blob' (PGlite): the fastest path into either engine.

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "./open";

/**
 * What to copy: CSV text chunks (strings or bytes, each ending at a row
 * boundary), or rows as arrays of values that are encoded here.
 */
export type CopyItem = string | Uint8Array | readonly unknown[];
export type CopySource = AsyncIterable<CopyItem> | Iterable<CopyItem>;

/**
 * Where to copy: an open database (PostgreSQL: one pooled connection, the COPY
 * is its own transaction; embedded: all chunks in one transaction), or a
 * connection / PGlite transaction already inside the caller's transaction.
 */
export type CopyTarget =
  | Database
  | { kind: "postgres"; client: pg.ClientBase }
  | { kind: "embedded"; pglite: PGlite | Transaction };

export type CopyOptions = {
  /** COPY ... FREEZE: only valid right after the table was created or truncated in the same transaction. */
  freeze?: boolean;
  /** Embedded engine: the largest blob handed over in one COPY statement (default 16 MiB). */
  maxBlobBytes?: number;
  /** Called after each chunk has been handed to the database, with its size in bytes. */
  onChunk?: (bytes: number) => void;
};

/** A quoted SQL identifier, optionally schema-qualified (`schema.table`). */
export function quoteIdent(name: string): string {
  return name
    .split(".")
    .map((part) => {
      if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(part)) throw new Error(`invalid SQL identifier "${name}"`);
      return `"${part}"`;
    })
    .join(".");
}

export function copyStatement(table: string, columns: readonly string[], source: "STDIN" | "'/dev/blob'", freeze = false): string {
  if (columns.length === 0) throw new Error("COPY needs at least one column");
  const cols = columns.map(quoteIdent).join(", ");
  return `COPY ${quoteIdent(table)} (${cols}) FROM ${source} WITH (FORMAT csv${freeze ? ", FREEZE true" : ""})`;
}

/** RFC 4180 encoding of one row for COPY's CSV format; null and undefined become NULL. */
export function encodeCsvLine(values: readonly unknown[]): string {
  let line = "";
  for (let k = 0; k < values.length; k++) {
    if (k > 0) line += ",";
    const v = values[k];
    if (v === null || v === undefined) continue;
    let text: string;
    if (typeof v === "string") text = v;
    else if (typeof v === "number" || typeof v === "bigint") text = String(v);
    else if (typeof v === "boolean") text = v ? "t" : "f";
    else if (v instanceof Date) text = v.toISOString();
    else if (typeof v === "object" && v !== null && "toFixed" in v) text = String(v); // Decimal
    else text = JSON.stringify(v);
    // An empty unquoted field reads as NULL: quote empty strings.
    line += text === "" || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  return `${line}\n`;
}

const ROW_BATCH_CHARS = 256 * 1024;

/** Normalises the source to byte chunks that end at row boundaries. */
async function* byteChunks(source: CopySource): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let pending = "";
  for await (const item of source as AsyncIterable<CopyItem>) {
    if (Array.isArray(item)) {
      pending += encodeCsvLine(item);
      if (pending.length >= ROW_BATCH_CHARS) {
        yield encoder.encode(pending);
        pending = "";
      }
      continue;
    }
    if (pending) {
      yield encoder.encode(pending);
      pending = "";
    }
    if (typeof item === "string") {
      if (item.length > 0) yield encoder.encode(item);
    } else if (item instanceof Uint8Array) {
      if (item.byteLength > 0) yield item;
    } else {
      throw new TypeError("copyRows: items must be CSV strings, bytes or arrays of values");
    }
  }
  if (pending) yield encoder.encode(pending);
}

/** Streams `source` into PostgreSQL on `client`, with backpressure. Returns the row count. */
async function copyPostgres(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  source: CopySource,
  options: CopyOptions,
): Promise<number> {
  const stream = client.query(copyFrom(copyStatement(table, columns, "STDIN", options.freeze)));
  const onChunk = options.onChunk;
  const counted = async function* () {
    for await (const chunk of byteChunks(source)) {
      // Buffer view without a copy; pg-copy-streams expects Buffers.
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      onChunk?.(chunk.byteLength);
    }
  };
  await pipeline(Readable.from(counted(), { objectMode: false }), stream);
  return stream.rowCount ?? 0;
}

/** Hands `source` to PGlite in blobs of at most `maxBlobBytes`. Returns the row count. */
async function copyEmbedded(
  pglite: PGlite | Transaction,
  table: string,
  columns: readonly string[],
  source: CopySource,
  options: CopyOptions,
): Promise<number> {
  const sql = copyStatement(table, columns, "'/dev/blob'", options.freeze);
  const limit = options.maxBlobBytes ?? 16 * 1024 * 1024;
  let parts: Uint8Array[] = [];
  let size = 0;
  let rows = 0;
  const flush = async () => {
    if (size === 0) return;
    const result = await pglite.query(sql, [], { blob: new Blob(parts as BlobPart[]) });
    rows += result.affectedRows ?? 0;
    for (const part of parts) options.onChunk?.(part.byteLength);
    parts = [];
    size = 0;
  };
  for await (const chunk of byteChunks(source)) {
    if (size > 0 && size + chunk.byteLength > limit) await flush();
    parts.push(chunk);
    size += chunk.byteLength;
  }
  await flush();
  return rows;
}

function isDatabase(target: CopyTarget): target is Database {
  return "driver" in target;
}

/**
 * COPY `source` into `table (columns)` in CSV format. Returns the number of
 * rows loaded.
 */
export async function copyRows(
  target: CopyTarget,
  table: string,
  columns: readonly string[],
  source: CopySource,
  options: CopyOptions = {},
): Promise<number> {
  if (!isDatabase(target)) {
    return target.kind === "postgres"
      ? copyPostgres(target.client, table, columns, source, options)
      : copyEmbedded(target.pglite, table, columns, source, options);
  }
  const driver = target.driver;
  if (driver.kind === "postgres") {
    const client = await driver.pool.connect();
    let failed = false;
    try {
      return await copyPostgres(client, table, columns, source, options);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // A connection that broke off mid-COPY is not given back to the pool.
      client.release(failed ? true : undefined);
    }
  }
  return driver.pglite.transaction((tx) => copyEmbedded(tx, table, columns, source, options));
}
