import type { Permission, PlantScope } from "../access/policy";
import type { Filters } from "../filters";
import type { PrismaClient } from "../generated/prisma/client";

/** Anything that can run `$queryRaw`: the client, or a transaction of it. */
export type QueryClient = Pick<PrismaClient, "$queryRaw">;

/** `decimal`: an exact non-money decimal string (rates, ratios, ratings). */
export type KpiColumn = { key: string; label: string; kind: "text" | "money" | "count" | "decimal" };

/**
 * What a KPI may need beyond scope and filters. `today` is the current calendar
 * day in the business time zone (lib/time.ts), YYYY-MM-DD: month-to-date and
 * year-to-date KPIs count up to it. Callers pass it explicitly so that tests and
 * the command line (`--today`) can pin it; when omitted, it is today.
 */
export type KpiContext = { today: string };

/**
 * A KPI: one definition, used by its page, the CSV export and the command line.
 * `columns` are the reference SQL's output columns, in order.
 */
export type KpiDefinition<Row extends Record<string, string | number>> = {
  name: string;
  title: string;
  description: string;
  columns: ReadonlyArray<KpiColumn & { key: keyof Row & string }>;
  /** What a user needs to view it (exports need `data:export` besides). */
  permission: Permission;
  /** Rows within `scope` (who may see what) narrowed by `filters` (what the user asked for; none when omitted). */
  fetch(db: QueryClient, scope: PlantScope, filters?: Filters, context?: KpiContext): Promise<Row[]>;
  /**
   * For row lists that can be large (orders, …): the same rows in pages of at
   * most `pageSize`, read with keyset pagination, so an export streams them.
   */
  pages?(db: QueryClient, scope: PlantScope, filters: Filters, pageSize: number): AsyncIterable<Row[]>;
};

/** A KPI of any row shape, as the registry and the command line handle it. */
export type AnyKpi = {
  name: string;
  title: string;
  description: string;
  columns: ReadonlyArray<KpiColumn>;
  permission: Permission;
  fetch(db: QueryClient, scope: PlantScope, filters?: Filters, context?: KpiContext): Promise<Array<Record<string, string | number>>>;
  pages?(db: QueryClient, scope: PlantScope, filters: Filters, pageSize: number): AsyncIterable<Array<Record<string, string | number>>>;
};
