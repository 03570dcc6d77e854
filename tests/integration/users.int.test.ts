import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db/open";
import { listAuditEntries } from "@/lib/users/audit-log";
import {
  createUser,
  getUser,
  listPlants,
  listUsers,
  resetUserPassword,
  setUserActive,
  updateUser,
  UserError,
  type UserErrorCode,
} from "@/lib/users/store";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";

/** Every string anywhere inside a value (objects, arrays, Dates as ISO text). */
function strings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object" || seen.has(value)) return [];
  seen.add(value);
  if (value instanceof Date) return [value.toISOString()];
  return Object.entries(value).flatMap(([key, v]) => [key, ...strings(v, seen)]);
}

function expectNoHash(value: unknown) {
  const found = strings(value).filter((s) => s.includes("$argon2") || /password/i.test(s));
  expect(found).toEqual([]);
}

async function refused(promise: Promise<unknown>, code: UserErrorCode, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  expect((error as UserError).message).toMatch(message);
  return error as UserError;
}

describe.each(availableEngines())("user administration on %s", (engine) => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await db.exec(`
      INSERT INTO plants (plant_id, name, city, country, annual_capacity) VALUES
        (1, 'Austin Assembly', 'Austin', 'USA', 1000),
        (2, 'Berlin Works', 'Berlin', 'Germany', 2000),
        (3, 'Shanghai Line', 'Shanghai', 'China', 3000);
    `);
  });
  afterAll(async () => {
    await close?.();
  });

  const storedHash = async (id: number) =>
    (await db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [id]))[0]!.password_hash;

  it("creates users with a normalised email, an argon2id hash and their plants", async () => {
    const admin = await createUser(db.prisma, {
      email: "  Root.Admin@Volta.Example ",
      name: " Root Admin ",
      role: "admin",
      password: "first admin password",
    });
    expectNoHash(admin);
    expect(admin).toMatchObject({ email: "root.admin@volta.example", name: "Root Admin", role: "admin", active: true, plants: [] });
    expect(admin.createdAt).toBeInstanceOf(Date);
    expect(await storedHash(admin.id)).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(await storedHash(admin.id), "first admin password")).toBe(true);

    const manager = await createUser(db.prisma, {
      email: "pm@volta.example",
      name: "Pat Manager",
      role: "plant_manager",
      password: "plant manager pw",
      plantIds: ["3", "1"],
    });
    expectNoHash(manager);
    expect(manager.plants).toEqual([
      { plantId: 1, name: "Austin Assembly" },
      { plantId: 3, name: "Shanghai Line" },
    ]);
  });

  it("lists users and reads one, never with the hash", async () => {
    const users = await listUsers(db.prisma);
    expectNoHash(users);
    expect(users.map((u) => u.email)).toEqual(["pm@volta.example", "root.admin@volta.example"]);
    const one = await getUser(db.prisma, users[0]!.id);
    expectNoHash(one);
    expect(one?.email).toBe("pm@volta.example");
    expect(await getUser(db.prisma, 987654)).toBeNull();
    expect(await getUser(db.prisma, -1)).toBeNull();
    expect(await getUser(db.prisma, Number.MAX_SAFE_INTEGER)).toBeNull();
    expect(await listPlants(db.prisma)).toHaveLength(3);
  });

  it("refuses a duplicate email, whatever its case, with a clear message", async () => {
    const error = await refused(
      createUser(db.prisma, { email: "PM@Volta.Example", name: "Someone Else", role: "sales", password: "another password" }),
      "duplicate_email",
      /already exists/,
    );
    expect(error.fieldErrors?.email).toEqual(["A user with this email address already exists."]);
    // An older row stored with capitals (before emails were normalised) still counts.
    await db.exec(
      `INSERT INTO users (email, name, password_hash, role) VALUES ('Legacy@Volta.Example', 'Legacy', 'x', 'sales')`,
    );
    await refused(
      createUser(db.prisma, { email: "legacy@volta.example", name: "L", role: "sales", password: "another password" }),
      "duplicate_email",
      /already exists/,
    );
  });

  it("refuses unknown plants and invalid input before touching the database", async () => {
    const error = await refused(
      createUser(db.prisma, { email: "pm2@volta.example", name: "P", role: "plant_manager", password: "long enough pw", plantIds: [2, 99] }),
      "unknown_plant",
      /no plant with id 99/,
    );
    expect(error.fieldErrors?.plantIds).toBeDefined();
    const invalid = await refused(
      createUser(db.prisma, { email: "not an email", name: "", role: "boss", password: "short" }),
      "invalid",
      /need attention/,
    );
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
    expect(await db.query(`SELECT 1 FROM users WHERE email IN ('pm2@volta.example', 'not an email')`)).toHaveLength(0);
  });

  it("updates name, role and plants, and reports what changed", async () => {
    const pm = (await listUsers(db.prisma)).find((u) => u.email === "pm@volta.example")!;
    const admin = (await listUsers(db.prisma)).find((u) => u.role === "admin")!;

    const plants = await updateUser(db.prisma, admin.id, { userId: String(pm.id), name: "Pat M.", role: "plant_manager", plantIds: ["2"] });
    expectNoHash(plants);
    expect(plants.user.plants).toEqual([{ plantId: 2, name: "Berlin Works" }]);
    expect(plants.changes).toEqual({ name: { from: "Pat Manager", to: "Pat M." }, plantIds: { from: [1, 3], to: [2] } });

    const same = await updateUser(db.prisma, admin.id, { userId: pm.id, name: "Pat M.", role: "plant_manager", plantIds: [2] });
    expect(same.changes).toEqual({});

    const promoted = await updateUser(db.prisma, admin.id, { userId: pm.id, name: "Pat M.", role: "executive", plantIds: [] });
    expect(promoted.user).toMatchObject({ role: "executive", plants: [] });
    expect(promoted.changes).toEqual({ role: { from: "plant_manager", to: "executive" }, plantIds: { from: [2], to: [] } });
    expect(await db.query(`SELECT 1 FROM user_plants WHERE user_id = $1`, [pm.id])).toHaveLength(0);

    await refused(
      updateUser(db.prisma, admin.id, { userId: pm.id, name: "Pat", role: "plant_manager", plantIds: [42] }),
      "unknown_plant",
      /no plant with id 42/,
    );
    await refused(updateUser(db.prisma, admin.id, { userId: 999999, name: "X", role: "sales" }), "not_found", /does not exist/);
    await refused(updateUser(db.prisma, admin.id, { userId: "1;drop table users", name: "X", role: "sales" }), "invalid", /attention/);
    await refused(
      updateUser(db.prisma, admin.id, { userId: admin.id, name: admin.name, role: "sales" }),
      "self_role_change",
      /your own role/,
    );
  });

  it("keeps the last active administrator, and never lets admins deactivate themselves", async () => {
    const admin = (await listUsers(db.prisma)).find((u) => u.role === "admin")!;
    await refused(setUserActive(db.prisma, admin.id, { userId: admin.id, active: false }), "self_deactivate", /your own account/);
    // Another actor (or the command line) still cannot remove the last one.
    await refused(setUserActive(db.prisma, null, { userId: admin.id, active: false }), "last_admin", /last active administrator/);
    await refused(
      updateUser(db.prisma, null, { userId: admin.id, name: admin.name, role: "executive" }),
      "last_admin",
      /last active administrator/,
    );

    const second = await createUser(db.prisma, { email: "admin2@volta.example", name: "Second Admin", role: "admin", password: "second admin pw" });
    const off = await setUserActive(db.prisma, second.id, { userId: admin.id, active: "false" });
    expectNoHash(off);
    expect(off).toMatchObject({ changed: true, user: { active: false } });
    // Now the second admin is the last active one.
    await refused(setUserActive(db.prisma, null, { userId: second.id, active: false }), "last_admin", /last active/);
    await refused(updateUser(db.prisma, null, { userId: second.id, name: "Second Admin", role: "sales" }), "last_admin", /last active/);
    // An inactive admin can be demoted freely.
    const demoted = await updateUser(db.prisma, second.id, { userId: admin.id, name: admin.name, role: "sales" });
    expect(demoted.user.role).toBe("sales");

    const again = await setUserActive(db.prisma, second.id, { userId: admin.id, active: false });
    expect(again.changed).toBe(false);
    const on = await setUserActive(db.prisma, second.id, { userId: admin.id, active: true });
    expect(on).toMatchObject({ changed: true, user: { active: true } });
    await refused(setUserActive(db.prisma, null, { userId: 123456, active: false }), "not_found", /does not exist/);
  });

  it("lets only one of two admins deactivating each other at the same moment succeed", async () => {
    const a = await createUser(db.prisma, { email: "race.a@volta.example", name: "Race A", role: "admin", password: "race admin a pw" });
    const b = await createUser(db.prisma, { email: "race.b@volta.example", name: "Race B", role: "admin", password: "race admin b pw" });
    // Leave exactly these two as the active administrators.
    const others = (await listUsers(db.prisma)).filter((u) => u.role === "admin" && u.active && u.id !== a.id && u.id !== b.id);
    for (const other of others) await setUserActive(db.prisma, a.id, { userId: other.id, active: false });

    const results = await Promise.allSettled([
      setUserActive(db.prisma, a.id, { userId: b.id, active: false }),
      setUserActive(db.prisma, b.id, { userId: a.id, active: false }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((failure.reason as UserError).code).toBe("last_admin");
    const active = await db.query(`SELECT id FROM users WHERE role = 'admin' AND active`);
    expect(active).toHaveLength(1);
    for (const other of others) await setUserActive(db.prisma, null, { userId: other.id, active: true });
  });

  it("resets a password: the new one works, the old one no longer does", async () => {
    const pm = (await listUsers(db.prisma)).find((u) => u.email === "pm@volta.example")!;
    const before = await storedHash(pm.id);
    const user = await resetUserPassword(db.prisma, { userId: String(pm.id), password: "a brand new password" });
    expectNoHash(user);
    const after = await storedHash(pm.id);
    expect(after).not.toBe(before);
    expect(await verifyPassword(after, "a brand new password")).toBe(true);
    expect(await verifyPassword(after, "plant manager pw")).toBe(false);
    await refused(resetUserPassword(db.prisma, { userId: pm.id, password: "short" }), "invalid", /attention/);
    await refused(resetUserPassword(db.prisma, { userId: 424242, password: "long enough password" }), "not_found", /does not exist/);
  });

  it("pages through the audit log newest first, with an action filter", async () => {
    for (let i = 0; i < 7; i++) {
      await db.prisma.auditLog.create({ data: { action: i % 2 ? "user.update" : "page.view", target: `t${i}`, details: { i } } });
    }
    const first = await listAuditEntries(db.prisma, { limit: 3 });
    expect(first.entries.map((e) => e.target)).toEqual(["t6", "t5", "t4"]);
    expect(first.nextBefore).toBe(first.entries[2]!.id);
    const second = await listAuditEntries(db.prisma, { limit: 3, before: BigInt(first.nextBefore!) });
    expect(second.entries.map((e) => e.target)).toEqual(["t3", "t2", "t1"]);
    const last = await listAuditEntries(db.prisma, { limit: 3, before: BigInt(second.nextBefore!) });
    expect(last.entries.map((e) => e.target)).toEqual(["t0"]);
    expect(last.nextBefore).toBeNull();
    const updates = await listAuditEntries(db.prisma, { action: "user.update" });
    expect(updates.entries.map((e) => e.target)).toEqual(["t5", "t3", "t1"]);
    expect(updates.entries[0]!.details).toBe('{"i":5}');
    expect((await listAuditEntries(db.prisma, { before: 1n })).entries).toEqual([]);
  });
});
