import { databaseConfigFromEnv, describeDatabase } from "../lib/db/config";
import { openDatabase, type Database } from "../lib/db/open";

/** Error for wrong command-line use: printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** Runs a command-line tool with the configured database and clear failures. */
export async function runWithDatabase(main: (db: Database) => Promise<void>): Promise<void> {
  let db: Database | undefined;
  try {
    const config = databaseConfigFromEnv();
    db = await openDatabase(config).catch((error: Error) => {
      throw new Error(`Cannot open ${describeDatabase(config)}: ${error.message}`, { cause: error });
    });
    await main(db);
  } catch (error) {
    process.exitCode = error instanceof UsageError ? 2 : 1;
    console.error(`error: ${explainDatabaseError(error)}`);
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/** Turns driver errors into a sentence that says what to check. */
export function explainDatabaseError(error: unknown): string {
  const e = unwrapDriverError(error);
  if (e?.code === "ECONNREFUSED") return `the database server refused the connection (${e.message}). Is PostgreSQL running?`;
  if (e?.code === "3D000") return `${e.message}. Create it first (createdb), or check DATABASE_URL.`;
  if (e?.code === "28P01" || e?.code === "28000") return `the database rejected the credentials: ${e.message}`;
  return e?.message ?? String(error);
}

/** Prisma wraps driver errors ("Raw query failed. Code: `3D000`. Message: `…`"): unwrap them. */
function unwrapDriverError(error: unknown): { code?: string; message?: string } {
  const e = error as { code?: string; message?: string; cause?: unknown };
  const match = /Code: `([^`]+)`\. Message: `([^`]*)`/.exec(e?.message ?? "");
  if (match) return { code: match[1], message: match[2] };
  const cause = e?.cause as { code?: string; message?: string } | undefined;
  if (cause?.code) return cause;
  return e;
}
