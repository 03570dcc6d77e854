import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActorCache, cachedActor, listenForUserChanges } from "@/lib/access/actor-cache";
import type { Database } from "@/lib/db/open";
import { setUserActive, updateUser } from "@/lib/users/store";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";

/** Waits until `check` holds (a notification arrives asynchronously, within milliseconds). */
async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.each(availableEngines())("the signed-in user cache (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let cache: ActorCache;
  let stop: () => Promise<void>;
  let adminId: number;
  let userId: number;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await db.exec(`INSERT INTO plants (plant_id, name, city, country, annual_capacity) VALUES (1, 'Volta Reno', 'Reno', 'US', 1), (2, 'Volta Austin', 'Austin', 'US', 1)`);
    const [admin] = await db.query<{ id: number }>(`INSERT INTO users (email, name, password_hash, role) VALUES ('admin@example.test', 'Admin', 'x', 'admin') RETURNING id`);
    const [user] = await db.query<{ id: number }>(`INSERT INTO users (email, name, password_hash, role) VALUES ('pm@example.test', 'PM', 'x', 'plant_manager') RETURNING id`);
    adminId = Number(admin!.id);
    userId = Number(user!.id);
    await db.query(`INSERT INTO user_plants (user_id, plant_id) VALUES ($1, 1)`, [userId]);
    cache = new ActorCache();
    stop = await listenForUserChanges(db, cache);
  }, 180_000);
  afterAll(async () => {
    await stop?.();
    await close?.();
  });

  it("serves a user from the cache once read, and drops them the moment their deactivation commits", async () => {
    expect(cache.listening).toBe(true);
    const actor = await cachedActor(db, cache, userId);
    expect(actor).toMatchObject({ id: userId, role: "plant_manager", plantIds: [1] });
    expect(cache.get(userId)).toEqual(actor);

    // Deactivated through the users' data layer (as the admin page does).
    await setUserActive(db.prisma, adminId, { userId, active: false });
    await eventually(() => cache.get(userId) === undefined);
    expect(await cachedActor(db, cache, userId)).toBeNull();
    expect(cache.get(userId)).toBeUndefined();

    await setUserActive(db.prisma, adminId, { userId, active: true });
    await eventually(() => cache.get(userId) === undefined);
    expect(await cachedActor(db, cache, userId)).toMatchObject({ id: userId, plantIds: [1] });
  });

  it("a change of role or plants made elsewhere (plain SQL, another connection) reaches the cache too", async () => {
    await cachedActor(db, cache, userId);
    expect(cache.get(userId)).toBeDefined();
    if (db.config.kind === "postgres") {
      // Another process: its own connection, no in-process invalidation.
      const other = new pg.Client({ connectionString: db.config.url });
      await other.connect();
      try {
        await other.query(`INSERT INTO user_plants (user_id, plant_id) VALUES ($1, 2)`, [userId]);
      } finally {
        await other.end();
      }
    } else {
      await db.query(`INSERT INTO user_plants (user_id, plant_id) VALUES ($1, 2)`, [userId]);
    }
    await eventually(() => cache.get(userId) === undefined);
    expect((await cachedActor(db, cache, userId))?.plantIds).toEqual([1, 2]);

    await updateUser(db.prisma, adminId, { userId, name: "PM", role: "sales", plantIds: [] });
    await eventually(() => cache.get(userId) === undefined);
    expect(await cachedActor(db, cache, userId)).toMatchObject({ role: "sales", plantIds: [] });
  });

  it("does not store a read that raced with a change, and is off while not listening", async () => {
    const generation = cache.generation;
    cache.invalidate(userId); // a change arrived while the (old) row was being read
    cache.set(userId, { id: userId, email: "stale", name: "stale", role: "admin", plantIds: [] }, generation);
    expect(cache.get(userId)).toBeUndefined();

    const off = new ActorCache();
    expect(off.listening).toBe(false);
    await cachedActor(db, off, userId);
    expect(off.get(userId)).toBeUndefined();
    expect(off.size).toBe(0);

    const short = new ActorCache(1);
    short.listening = true;
    await cachedActor(db, short, userId);
    await new Promise((r) => setTimeout(r, 5));
    expect(short.get(userId)).toBeUndefined(); // past its time bound
  });
});
