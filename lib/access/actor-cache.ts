import { cacheListener, listenToChannels } from "../db/listen";
import type { Database } from "../db/open";
import { isRole } from "../auth/roles";
import type { Actor } from "./policy";

/**
 * Signed-in users, kept in the server process so that a request does not read
 * its user from the database every time — while a deactivation, a role change or
 * a change of plants still takes effect at once:
 *
 * - every write to `users` or `user_plants` (this process, another server, the
 *   CLI, plain SQL) notifies channel `volta_user_changed` with the user id (a
 *   trigger, migration 20261201080000); the cache listens and drops the entry when
 *   the notification arrives, i.e. when the write commits;
 * - the cache is used only while it is listening: before the listener is
 *   connected, or after its connection dropped (until it is back; then it starts
 *   empty), every request reads the database as before;
 * - a read that raced with a change is not stored (generation counter), so a
 *   stale answer cannot outlive the notification;
 * - and each entry is dropped after TTL_MS anyway, a bound for the case a
 *   notification were lost without the connection reporting an error.
 */

export const USER_CHANGED_CHANNEL = "volta_user_changed";
export const ACTOR_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

export class ActorCache {
  private entries = new Map<number, { actor: Actor; at: number }>();
  private gen = 0;
  listening = false;

  constructor(private readonly ttlMs = ACTOR_CACHE_TTL_MS) {}

  /** Changes whenever anything is invalidated: read it before loading, pass it to set. */
  get generation(): number {
    return this.gen;
  }

  get(id: number): Actor | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (Date.now() - entry.at > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.actor;
  }

  /** Stores what was loaded, unless something was invalidated since `generation` was read. */
  set(id: number, actor: Actor, generation: number): void {
    if (!this.listening || generation !== this.gen) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { actor, at: Date.now() });
  }

  invalidate(id: number): void {
    this.gen++;
    this.entries.delete(id);
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The user as the guard needs it, read fresh: null when unknown, inactive or without a valid role. */
export async function loadActor(db: Pick<Database, "query">, id: number): Promise<Actor | null> {
  const [user] = await db.query<{ id: number; email: string; name: string; role: string; active: boolean; plant_ids: number[] | null }>(
    `SELECT u.id, u.email, u.name, u.role::text AS role, u.active,
            ARRAY(SELECT up.plant_id FROM user_plants up WHERE up.user_id = u.id ORDER BY up.plant_id) AS plant_ids
     FROM users u WHERE u.id = $1`,
    [id],
  );
  if (!user || !user.active || !isRole(user.role)) return null;
  return { id: Number(user.id), email: user.email, name: user.name, role: user.role, plantIds: (user.plant_ids ?? []).map(Number) };
}

/** The actor from the cache, else from the database (and then cached). */
export async function cachedActor(db: Pick<Database, "query">, cache: ActorCache, id: number): Promise<Actor | null> {
  const hit = cache.get(id);
  if (hit) return hit;
  const generation = cache.generation;
  const actor = await loadActor(db, id);
  if (actor) cache.set(id, actor, generation);
  return actor;
}

/**
 * Connects `cache` to the change notifications of `db`; returns a function that
 * stops listening. The cache is on only while listening (lib/db/listen.ts):
 * emptied and off while the connection is down, emptied again when it is back.
 */
export async function listenForUserChanges(db: Database, cache: ActorCache, options: { reconnectMs?: number } = {}): Promise<() => Promise<void>> {
  return listenToChannels(
    db,
    [USER_CHANGED_CHANNEL],
    cacheListener(cache, (_channel, payload) => {
      const id = Number(payload);
      if (Number.isSafeInteger(id)) cache.invalidate(id);
      else cache.clear();
    }),
    options,
  );
}

// The server's one cache, started with its database.
const globalForCache = globalThis as unknown as { voltaActorCache?: { cache: ActorCache; started: Promise<unknown> } };

/** The process's actor cache for `db` (listening starts on first use). */
export function processActorCache(db: Database): ActorCache {
  if (!globalForCache.voltaActorCache) {
    const cache = new ActorCache();
    globalForCache.voltaActorCache = { cache, started: listenForUserChanges(db, cache).catch(() => undefined) };
  }
  return globalForCache.voltaActorCache.cache;
}

/** Drops a user from this process's cache at once (after a write here; the notification follows). */
export function invalidateCachedActor(id: number): void {
  globalForCache.voltaActorCache?.cache.invalidate(id);
}
