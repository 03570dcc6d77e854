// The bulk load of the warehouse tables, in one transaction:
//
//   lock the tables, check they are empty (or --replace), note the secondary
//   indexes and foreign keys of the loaded tables (and those pointing at
//   them), and the primary keys of tables not loaded in key order, from the
//   catalog; drop them, TRUNCATE, disable the sale-date constraint trigger,
//   COPY ... FREEZE every table, ANALYZE, re-create the primary keys and
//   indexes from their own definitions, check the trigger's rule for all
//   orders in one set-based query, re-add the foreign keys (which validates
//   every one of them in full), re-enable the trigger, commit.
//
// Nothing is left unvalidated: CHECK and NOT NULL constraints and primary
// keys stay in place during the COPY, foreign keys are re-added with full
// validation, and the trigger's rule is verified before commit. Any failure
// rolls the whole load back, including the TRUNCATE of a --replace.

import type { Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { type CopySource, copyRows } from "../db/copy";
import type { Database } from "../db/open";
import type { TableName } from "./tables";

/** The tables the sales rollups are computed from (migration 20261201070000_rollups). */
const ROLLUP_SOURCES: ReadonlySet<string> = new Set(["salesorders", "vehicles", "customers"]);

/** The constraint trigger that checks sale_date >= manufacture_date row by row. */
export const SALE_DATE_TRIGGER = "salesorders_sale_date_check";

/** One connection inside one transaction. */
export type LoadSession = {
  kind: "postgres" | "embedded";
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  copy(table: string, columns: readonly string[], source: CopySource, freeze: boolean): Promise<number>;
};

/** Runs `fn` in one transaction on one connection; commits if it returns, rolls back if it throws. */
/** Errors that mean the connection to the server is gone (terminated, reset). */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === "string" ? e.code : "";
  const message = typeof e?.message === "string" ? e.message : "";
  return (
    ["57P01", "57P02", "57P03", "08000", "08003", "08006", "ECONNRESET", "EPIPE"].includes(code) ||
    /Connection terminated|terminating connection|Client has encountered a connection error|not queryable/i.test(message)
  );
}

export async function withLoadSession<T>(db: Database, fn: (session: LoadSession) => Promise<T>): Promise<T> {
  const driver = db.driver;
  if (driver.kind === "postgres") {
    const client: pg.PoolClient = await driver.pool.connect();
    // A backend terminated mid-load must fail the load, not the process.
    let lost: Error | null = null;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on("error", onError);
    let broken = false;
    try {
      await client.query("BEGIN");
      const result = await fn({
        kind: "postgres",
        async exec(sql) {
          await client.query(sql);
        },
        async query(sql, params) {
          return (await client.query(sql, params as unknown[] | undefined)).rows;
        },
        copy: (table, columns, source, freeze) => copyRows({ kind: "postgres", client }, table, columns, source, { freeze }),
      });
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw lost && !isConnectionLoss(error) ? lost : error;
    } finally {
      client.release(broken || lost ? true : undefined);
      client.removeListener("error", onError);
    }
  }
  return driver.pglite.transaction((tx: Transaction) =>
    fn({
      kind: "embedded",
      async exec(sql) {
        await tx.exec(sql);
      },
      async query(sql, params) {
        return (await tx.query(sql, params as unknown[] | undefined)).rows as never[];
      },
      copy: (table, columns, source, freeze) => copyRows({ kind: "embedded", pglite: tx }, table, columns, source, { freeze }),
    }),
  );
}

/** The warehouse already holds data and --replace was not given. */
export class DataPresentError extends Error {
  constructor(readonly counts: Partial<Record<TableName, number>>) {
    const list = Object.entries(counts)
      .map(([table, n]) => `${table} ${n}`)
      .join(", ");
    super(`the warehouse tables already hold data (${list}); rerun with --replace to overwrite them`);
    this.name = "DataPresentError";
  }
}

/** A rule the data must satisfy was broken (a generator bug, never expected). */
export class DataValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataValidationError";
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The tables (of `tables`) that hold rows, with their row counts (counted up
 * to `cap`, so that a large table is not scanned in full).
 */
export async function occupiedTables(
  runner: { query<T>(sql: string, params?: unknown[]): Promise<T[]> },
  tables: readonly TableName[],
  cap = 1_000_000,
): Promise<Partial<Record<TableName, number>>> {
  const found: Partial<Record<TableName, number>> = {};
  for (const table of tables) {
    const [row] = await runner.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM ${ident(table)} LIMIT ${cap}) t`,
    );
    const n = Number(row?.n ?? 0);
    if (n > 0) found[table] = n;
  }
  return found;
}

type SavedConstraint = { table: string; name: string; definition: string; column?: string };
type SavedIndex = { name: string; definition: string; table: string; column: string | null };
export type LoadStep =
  | { step: "prepare" }
  | { step: "copy"; table: TableName }
  | { step: "analyze" }
  | { step: "validate" }
  | { step: "index"; name: string }
  | { step: "constraint"; name: string }
  | { step: "rollups" }
  | { step: "commit" };

export type BulkLoadOptions = {
  tables: readonly TableName[];
  columns: Readonly<Record<TableName, readonly string[]>>;
  /**
   * Tables whose rows do not arrive in primary-key order: their primary keys
   * are dropped for the COPY and rebuilt afterwards (a sort beats random
   * inserts into a growing B-tree).
   */
  rebuildPrimaryKeys?: readonly TableName[];
  /** The CSV chunks of a table; called once per table, in order. */
  source(table: TableName): CopySource;
  replace: boolean;
  onStep?: (step: LoadStep) => void;
};

/** Runs the whole load inside `session`'s transaction. Returns the rows copied per table. */
export async function bulkLoad(session: LoadSession, options: BulkLoadOptions): Promise<Record<TableName, number>> {
  const { tables } = options;
  const step = options.onStep ?? (() => undefined);
  step({ step: "prepare" });
  const list = tables.map(ident).join(", ");

  if (session.kind === "postgres") {
    // Index builds sort in memory, the checks below hash-join millions of rows.
    await session.exec("SET LOCAL maintenance_work_mem = '512MB'");
    await session.exec("SET LOCAL work_mem = '256MB'");
  }
  await session.exec(`LOCK TABLE ${list} IN ACCESS EXCLUSIVE MODE`);
  // The sales rollups' triggers stand aside for this transaction; the rollups
  // are rebuilt in one pass before the commit (below).
  const rollupsTouched = tables.some((t) => ROLLUP_SOURCES.has(t));
  if (rollupsTouched) await session.exec("SET LOCAL volta.rollup_bulk = 'on'");
  if (!options.replace) {
    const present = await occupiedTables(session, tables);
    if (Object.keys(present).length > 0) throw new DataPresentError(present);
  }

  const oids = await session.query<{ oid: number }>(
    `SELECT c.oid::int AS oid FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname = ANY($1::text[])`,
    [tables],
  );
  if (oids.length !== tables.length) throw new Error("some warehouse tables are missing: apply the migrations first");
  const oidList = oids.map((o) => o.oid);

  // Foreign keys of the loaded tables and those that point at them
  // (user_plants → plants), in a stable order.
  const foreignKeys = await session.query<SavedConstraint>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND (conrelid = ANY($1::oid[]) OR confrelid = ANY($1::oid[]))
      ORDER BY conrelid::regclass::text, conname`,
    [oidList],
  );
  // Unique and exclusion constraints other than the primary keys.
  const uniqueConstraints = await session.query<SavedConstraint>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype IN ('u', 'x') AND conrelid = ANY($1::oid[])
      ORDER BY conrelid::regclass::text, conname`,
    [oidList],
  );
  const primaryKeys = await session.query<SavedConstraint>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition,
            (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1]) AS column
       FROM pg_constraint c
      WHERE c.contype = 'p' AND c.conrelid::regclass::text = ANY($1::text[])
      ORDER BY conrelid::regclass::text`,
    [options.rebuildPrimaryKeys ?? []],
  );
  // Plain and unique indexes that no constraint owns.
  const indexes = await session.query<SavedIndex>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition,
            i.indrelid::regclass::text AS table,
            (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[0]) AS column
       FROM pg_index i
      WHERE i.indrelid = ANY($1::oid[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY i.indrelid::regclass::text, i.indexrelid::regclass::text`,
    [oidList],
  );
  const triggers = await session.query<{ enabled: string }>(
    `SELECT tgenabled AS enabled FROM pg_trigger
      WHERE tgrelid = 'salesorders'::regclass AND tgname = $1 AND NOT tgisinternal`,
    [SALE_DATE_TRIGGER],
  );
  const trigger = triggers[0];

  for (const fk of foreignKeys) await session.exec(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${ident(fk.name)}`);
  for (const uc of uniqueConstraints) await session.exec(`ALTER TABLE ${uc.table} DROP CONSTRAINT ${ident(uc.name)}`);
  for (const pk of primaryKeys) await session.exec(`ALTER TABLE ${pk.table} DROP CONSTRAINT ${ident(pk.name)}`);
  for (const ix of indexes) await session.exec(`DROP INDEX ${ix.name}`);
  // Nothing references the tables any more, so no CASCADE: users and
  // user_plants keep their rows.
  await session.exec(`TRUNCATE ${list}`);
  if (trigger && trigger.enabled !== "D") {
    await session.exec(`ALTER TABLE salesorders DISABLE TRIGGER ${ident(SALE_DATE_TRIGGER)}`);
  }

  const counts = {} as Record<TableName, number>;
  for (const table of tables) {
    step({ step: "copy", table });
    // FREEZE: the rows are written frozen and all-visible (the tables were
    // truncated in this transaction), which spares a later VACUUM and the
    // hint-bit rewrite on first read.
    counts[table] = await session.copy(table, options.columns[table], options.source(table), true);
  }

  step({ step: "analyze" });
  await session.exec(`ANALYZE ${list}`);

  // An index whose leading column is already in physical order sorts in
  // linear time; parallel workers would only add a merge, so such indexes are
  // built by one process and the others in parallel (PostgreSQL's default).
  const ordered = new Set(
    (
      await session.query<{ key: string }>(
        `SELECT tablename || '.' || attname AS key FROM pg_stats
          WHERE schemaname = current_schema() AND tablename = ANY($1::text[]) AND abs(correlation) >= 0.98`,
        [tables],
      )
    ).map((r) => r.key),
  );
  const parallelism = async (table: string, column: string | null | undefined) => {
    if (session.kind !== "postgres") return;
    const presorted = column != null && ordered.has(`${table.replace(/^.*\./, "").replace(/"/g, "")}.${column}`);
    await session.exec(`SET LOCAL max_parallel_maintenance_workers TO ${presorted ? "0" : "DEFAULT"}`);
  };

  for (const pk of primaryKeys) {
    step({ step: "index", name: pk.name });
    await parallelism(pk.table, pk.column);
    await session.exec(`ALTER TABLE ${pk.table} ADD CONSTRAINT ${ident(pk.name)} ${pk.definition}`);
  }
  for (const ix of indexes) {
    step({ step: "index", name: ix.name });
    await parallelism(ix.table, ix.column);
    await session.exec(ix.definition);
  }
  for (const uc of uniqueConstraints) {
    step({ step: "index", name: uc.name });
    await session.exec(`ALTER TABLE ${uc.table} ADD CONSTRAINT ${ident(uc.name)} ${uc.definition}`);
  }
  if (session.kind === "postgres") {
    // With the indexes in place, the checks below merge-join presorted index
    // scans (index-only where the visibility map allows, which COPY FREEZE
    // set): faster than hashing millions of keys.
    await session.exec("SET LOCAL max_parallel_maintenance_workers TO DEFAULT");
    await session.exec("SET LOCAL enable_hashjoin = off");
  }

  step({ step: "validate" });
  if (tables.includes("salesorders") && tables.includes("vehicles")) {
    const rule = "FROM salesorders s JOIN vehicles v ON v.vin = s.vin WHERE s.sale_date < v.manufacture_date";
    const [{ n } = { n: 0 }] = await session.query<{ n: number | string }>(`SELECT count(*) AS n ${rule}`);
    if (Number(n) > 0) {
      const [first] = await session.query<{ order_id: string; vin: string; sale_date: string; manufacture_date: string }>(
        `SELECT s.order_id::text, s.vin, s.sale_date::text, v.manufacture_date::text ${rule} ORDER BY s.order_id LIMIT 1`,
      );
      throw new DataValidationError(
        `${n} order(s) are dated before their vehicle was built, e.g. order ${first?.order_id}: ` +
          `sale_date ${first?.sale_date} < manufacture_date ${first?.manufacture_date} of ${first?.vin}`,
      );
    }
  }

  for (const fk of foreignKeys) {
    // ADD CONSTRAINT (not NOT VALID): checks every existing row.
    step({ step: "constraint", name: fk.name });
    await session.exec(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
  }
  if (session.kind === "postgres") await session.exec("SET LOCAL enable_hashjoin TO DEFAULT");
  if (trigger && trigger.enabled !== "D") {
    // Back to its previous firing mode: O = origin (default), A = always, R = replica.
    const mode = trigger.enabled === "A" ? "ALWAYS " : trigger.enabled === "R" ? "REPLICA " : "";
    await session.exec(`ALTER TABLE salesorders ENABLE ${mode}TRIGGER ${ident(SALE_DATE_TRIGGER)}`);
  }
  if (rollupsTouched) {
    step({ step: "rollups" });
    await session.exec("SELECT sales_rollup_rebuild()");
    await session.exec("SET LOCAL volta.rollup_bulk = 'off'");
  }
  step({ step: "commit" });
  return counts;
}
