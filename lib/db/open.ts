import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import type { DatabaseConfig } from "./config";
import { describeDatabase } from "./config";

// numeric, bigint and date come back as strings from node-postgres: money stays
// exact and dates carry no time-zone shift. Prisma's adapter parses its own.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

// Password hashes are never read unless a query asks for them by name (sign-in does).
const OMIT = { user: { passwordHash: true } } as const;

/** The portal's Prisma client: password hashes omitted by default. */
export type VoltaPrisma = PrismaClient<never, typeof OMIT>;

/**
 * An open database: the Prisma client for queries, plus the raw driver for the
 * few paths Prisma does not offer (COPY for bulk loads, multi-statement scripts).
 */
export type Database = {
  config: DatabaseConfig;
  prisma: VoltaPrisma;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** Raw parameterised query, rows as the driver returns them. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  driver: { kind: "postgres"; pool: pg.Pool } | { kind: "embedded"; pglite: PGlite };
  close(): Promise<void>;
};

export type SqlRunner = {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: 10, connectionTimeoutMillis: 10_000 });
    pool.on("error", () => {
      /* an idle client lost its connection: the next query reports it */
    });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), omit: OMIT });
    return {
      config,
      prisma,
      driver: { kind: "postgres", pool },
      async exec(sql) {
        await pool.query(sql);
      },
      async query(sql, params) {
        const result = await pool.query(sql, params as unknown[] | undefined);
        return result.rows;
      },
      async transaction(fn) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const result = await fn({
            async exec(sql) {
              await client.query(sql);
            },
            async query(sql, params) {
              return (await client.query(sql, params as unknown[] | undefined)).rows;
            },
          });
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  fs.mkdirSync(path.dirname(config.dataDir), { recursive: true });
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(config.dataDir);
  } catch (error) {
    throw new Error(
      `Could not open ${describeDatabase(config)}: ${(error as Error).message}. ` +
        "Only one process may open the embedded database at a time: stop the running portal first, " +
        "or set DATABASE_URL to use a PostgreSQL server.",
      { cause: error },
    );
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), omit: OMIT });
  return {
    config,
    prisma,
    driver: { kind: "embedded", pglite },
    async exec(sql) {
      await pglite.exec(sql);
    },
    async query(sql, params) {
      const result = await pglite.query(sql, params as unknown[] | undefined);
      return result.rows as never[];
    },
    async transaction(fn) {
      return pglite.transaction((tx) =>
        fn({
          async exec(sql) {
            await tx.exec(sql);
          },
          async query(sql, params) {
            return (await tx.query(sql, params as unknown[] | undefined)).rows as never[];
          },
        }),
      );
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
