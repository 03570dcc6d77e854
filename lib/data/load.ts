import "server-only";
import { cache } from "react";
import { processResultCache } from "../cache/results";
import type { TableName as WarehouseTable } from "../datagen/table-names";
import { getDb } from "../db";
import { todayIn } from "../filters";
import { businessTimeZone } from "../time";
import type { QueryClient } from "../kpi/types";

export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * Runs a section's query; a failure becomes a message for that section alone,
 * so one slow or broken query never blanks the whole page.
 */
export async function loadSection<T>(what: string, load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (error) {
    console.error(`[volta] loading ${what} failed:`, error);
    return { ok: false, message: describeFailure(error) };
  }
}

export function describeFailure(error: unknown): string {
  const text = `${(error as Error)?.message ?? ""} ${(error as { code?: string })?.code ?? ""}`;
  if (/ECONNREFUSED|ENOTFOUND|Can't reach database|database "[^"]*" does not exist|connection|terminat|timeout|Only one process|3D000|57P0/i.test(text)) {
    return "The database is not reachable right now. The figures will be back as soon as it is; reload the page to retry.";
  }
  if (/(relation|column|type) "[^"]*" does not exist|42P01|42703/i.test(text)) {
    return "The database schema is not up to date. An administrator needs to run `npm run db:migrate`.";
  }
  return "These figures could not be loaded. Reload the page to retry; if it persists, tell an administrator.";
}

/** What the sales KPIs read (the sales rollups are kept from these in the same transaction). */
export const SALES_TABLES: readonly WarehouseTable[] = ["plants", "vehicles", "customers", "salesorders"];
/** What the service KPIs read. */
export const SERVICE_TABLES: readonly WarehouseTable[] = ["plants", "vehicles", "customers", "salesorders", "servicerecords"];

/**
 * A section loader: `fetch` run once per request and arguments — the chart, the
 * table and the figures of a section share one query through React's request
 * cache, and requests share results until the data changes (the process's
 * result cache) — with its failure turned into a message (`loadSection`). React compares
 * cache arguments by identity, so the arguments (scope, filters, …: plain JSON
 * values) travel as one JSON key; two scopes or filter sets never share a result.
 * `readsFrom`: the tables `fetch` reads, so that a write elsewhere (a stock
 * movement, say, for a sales KPI) keeps its results; by default every write
 * drops them.
 */
export function sectionLoader<A extends unknown[], T>(
  what: string,
  fetch: (db: QueryClient, ...args: A) => Promise<T>,
  options: { readsFrom?: readonly WarehouseTable[] } = {},
) {
  const byKey = cache((key: string) =>
    loadSection(what, async () => {
      const db = await getDb();
      // Between requests: the process's result cache, emptied by every write
      // (lib/cache/results.ts). The business day is part of the key, for the
      // KPIs that count up to today.
      const cacheKey = `${what}\u0000${todayIn(businessTimeZone())}\u0000${key}`;
      return processResultCache(db).get(cacheKey, () => fetch(db.prisma, ...(JSON.parse(key) as A)), options.readsFrom);
    }),
  );
  return (...args: A): Promise<Loaded<T>> => byKey(JSON.stringify(args));
}
