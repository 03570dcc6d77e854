import { cacheListener, listenToChannels } from "../db/listen";
import type { Database } from "../db/open";

/**
 * Dashboard results kept in the server process between requests, and never
 * stale:
 *
 * - every write to a warehouse table (this process, another server, an import
 *   from the CLI, plain SQL) notifies channel `volta_data_changed` when it
 *   commits (statement-level triggers, migration 20261208000000); the cache
 *   listens and drops the results read from that table when the notification
 *   arrives (a result names its tables; by default it depends on all). A
 *   writer in this process also drops the results of the tables it wrote right
 *   after its commit (`noteDataChanged`), so its own next page load never waits
 *   for the notification;
 * - the cache is used only while it listens: before the listener is connected,
 *   or while its connection is down, every request reads the database;
 * - a result read while something changed is not kept (generation counter), so
 *   a read that raced with a write cannot outlive the write's notification;
 * - keys carry the user's scope and filters (the caller's arguments), so one
 *   scope never sees another's result; a failure is never kept;
 * - concurrent requests for the same key share one query;
 * - bounded: the least recently used entry goes first; and each entry is
 *   dropped after TTL_MS anyway, a bound for a notification lost without the
 *   connection reporting an error.
 */
export const DATA_CHANGED_CHANNEL = "volta_data_changed";
export const RESULT_CACHE_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 2_000;

export class ResultCache {
  private entries = new Map<string, { value: unknown; at: number; tables: ReadonlySet<string> | null }>();
  private inflight = new Map<string, { generation: number; promise: Promise<unknown> }>();
  private gen = 0;
  listening = false;

  constructor(
    private readonly maxEntries = MAX_ENTRIES,
    private readonly ttlMs = RESULT_CACHE_TTL_MS,
  ) {}

  get generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The result for `key`: kept, being read by another request, or read now by
   * `load`. `tables`: the tables the result is read from (a write to any other
   * table keeps it); by default every table.
   */
  async get<T>(key: string, load: () => Promise<T>, tables?: readonly string[]): Promise<T> {
    if (!this.listening) return load();
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      if (Date.now() - entry.at <= this.ttlMs) {
        this.entries.set(key, entry); // most recently used last
        return entry.value as T;
      }
    }
    const generation = this.gen;
    const flying = this.inflight.get(key);
    if (flying && flying.generation === generation) return flying.promise as Promise<T>;
    const promise = load();
    this.inflight.set(key, { generation, promise });
    try {
      const value = await promise;
      if (this.listening && generation === this.gen) {
        if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, { value, at: Date.now(), tables: tables ? new Set(tables) : null });
      }
      return value;
    } finally {
      if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
    }
  }

  /** Everything goes. */
  clear(): void {
    this.gen++;
    this.entries.clear();
    this.inflight.clear();
  }

  /**
   * A write to `table` committed: the results read from it go; so do reads in
   * flight, whatever their tables (the generation: they are not kept).
   */
  invalidate(table: string): void {
    this.gen++;
    this.inflight.clear();
    for (const [key, entry] of this.entries) if (entry.tables === null || entry.tables.has(table)) this.entries.delete(key);
  }
}

/** Connects `cache` to the data-change notifications of `db`; returns a function that stops listening. */
export function listenForDataChanges(db: Database, cache: ResultCache, options: { reconnectMs?: number } = {}): Promise<() => Promise<void>> {
  return listenToChannels(
    db,
    [DATA_CHANGED_CHANNEL],
    cacheListener(cache, (_channel, table) => (table ? cache.invalidate(table) : cache.clear())),
    options,
  );
}

const globalForCache = globalThis as unknown as { voltaResultCache?: { cache: ResultCache; started: Promise<unknown> } };

/** The process's result cache for `db` (listening starts on first use). */
export function processResultCache(db: Database): ResultCache {
  if (!globalForCache.voltaResultCache) {
    const cache = new ResultCache();
    globalForCache.voltaResultCache = { cache, started: listenForDataChanges(db, cache).catch(() => undefined) };
  }
  return globalForCache.voltaResultCache.cache;
}

/**
 * A write to `tables` committed in this process: their results go at once, as
 * the notification will drop them (every result without `tables`).
 */
export function noteDataChanged(tables?: readonly string[]): void {
  const cache = globalForCache.voltaResultCache?.cache;
  if (!cache) return;
  if (!tables) cache.clear();
  else for (const table of tables) cache.invalidate(table);
}
