import "server-only";
import { databaseConfigFromEnv } from "./config";
import { migrate } from "./migrate";
import { openDatabase, type Database } from "./open";

// One database per server process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { voltaDb?: Promise<Database> };

async function connect(): Promise<Database> {
  const config = databaseConfigFromEnv();
  const db = await openDatabase(config);
  // The embedded database belongs to this process: bring its schema up to date.
  // A real server is migrated explicitly with `npm run db:migrate`.
  if (config.kind === "embedded") await migrate(db);
  return db;
}

export function getDb(): Promise<Database> {
  if (!globalForDb.voltaDb) {
    globalForDb.voltaDb = connect().catch((error) => {
      globalForDb.voltaDb = undefined; // try again on the next request
      throw error;
    });
  }
  return globalForDb.voltaDb;
}
