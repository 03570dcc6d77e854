import { invalidateCachedActor } from "../access/actor-cache";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";
import type { VoltaPrisma } from "../db/open";
import { Prisma } from "../generated/prisma/client";
import {
  createUserSchema,
  fieldErrorsOf,
  resetPasswordSchema,
  setUserActiveSchema,
  updateUserSchema,
  type CreateUserInput,
  type FieldErrors,
  type ResetPasswordInput,
  type SetUserActiveInput,
  type UpdateUserInput,
} from "./schemas";

/**
 * User administration on a database. Every function takes the Prisma client (or
 * anything shaped like it), so the server, the command line and the tests use
 * the same code. Inputs are validated here again, whoever calls.
 *
 * The password hash never leaves this module: every query names the fields it
 * reads, and none of them is `passwordHash`.
 */
export type UsersDb = Pick<VoltaPrisma, "user" | "plant" | "$transaction">;

type Tx = Prisma.TransactionClient;

const USER_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  plants: { select: { plant: { select: { plantId: true, name: true } } }, orderBy: { plantId: "asc" } },
} satisfies Prisma.UserSelect;

export type UserPlantRef = { plantId: number; name: string };

/** A user as administration shows them. Deliberately has no password field. */
export type UserRecord = {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  plants: UserPlantRef[];
};

type UserRow = Prisma.UserGetPayload<{ select: typeof USER_FIELDS }>;

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    plants: row.plants.map((p) => ({ plantId: p.plant.plantId, name: p.plant.name })),
  };
}

export type UserErrorCode =
  | "invalid"
  | "not_found"
  | "duplicate_email"
  | "unknown_plant"
  | "self_deactivate"
  | "self_role_change"
  | "last_admin";

/** A refusal with a message fit for the person who asked, and the fields it concerns. */
export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: UserErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

function parse<S extends { safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: import("zod").ZodError } }>(
  schema: S,
  input: unknown,
): Extract<ReturnType<S["safeParse"]>, { success: true }>["data"] {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new UserError("invalid", "Some fields need attention.", fieldErrorsOf(result.error));
  }
  return result.data as never;
}

const DUPLICATE_EMAIL = "A user with this email address already exists.";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// ─── Reading ────────────────────────────────────────────────────────────────

/** Every user, active ones first, then by name. */
export async function listUsers(db: Pick<UsersDb, "user">): Promise<UserRecord[]> {
  const rows = await db.user.findMany({
    select: USER_FIELDS,
    orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }],
  });
  return rows.map(toRecord);
}

/** One user, or null when there is no user with this id. */
export async function getUser(db: Pick<UsersDb, "user">, id: number): Promise<UserRecord | null> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const row = await db.user.findUnique({ where: { id }, select: USER_FIELDS });
  return row ? toRecord(row) : null;
}

/** All plants, for the plant checkboxes. */
export async function listPlants(db: Pick<UsersDb, "plant">): Promise<UserPlantRef[]> {
  return db.plant.findMany({ select: { plantId: true, name: true }, orderBy: { plantId: "asc" } });
}

// ─── Changing ───────────────────────────────────────────────────────────────

async function assertPlantsExist(tx: Pick<Tx, "plant">, plantIds: readonly number[]): Promise<void> {
  if (plantIds.length === 0) return;
  const found = await tx.plant.findMany({ where: { plantId: { in: [...plantIds] } }, select: { plantId: true } });
  const known = new Set(found.map((p) => p.plantId));
  const unknown = plantIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const message =
      unknown.length === 1 ? `There is no plant with id ${unknown[0]}.` : `There are no plants with ids ${unknown.join(", ")}.`;
    throw new UserError("unknown_plant", message, { plantIds: [message] });
  }
}

/**
 * Locks the active administrators' rows until the transaction ends and counts
 * them, so that two admins demoting each other at the same moment cannot both
 * succeed and leave nobody to administer the portal.
 */
async function lockActiveAdmins(tx: Tx): Promise<number[]> {
  const rows = await tx.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
  return rows.map((r) => Number(r.id));
}

const LAST_ADMIN =
  "This is the last active administrator. Make another user an administrator first, so that someone can still manage users.";

/** Creates a user. The email is stored trimmed and in lower case, and must be new. */
export async function createUser(db: UsersDb, input: CreateUserInput | Record<string, unknown>): Promise<UserRecord> {
  const data = parse(createUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.user.findFirst({
        where: { email: { equals: data.email, mode: "insensitive" } },
        select: { id: true },
      });
      if (existing) throw new UserError("duplicate_email", DUPLICATE_EMAIL, { email: [DUPLICATE_EMAIL] });
      await assertPlantsExist(tx, data.plantIds);
      const row = await tx.user.create({
        data: {
          email: data.email,
          name: data.name,
          role: data.role,
          passwordHash,
          plants: { create: data.plantIds.map((plantId) => ({ plantId })) },
        },
        select: USER_FIELDS,
      });
      return toRecord(row);
    });
  } catch (error) {
    // Two requests creating the same address at once: the unique index decides.
    if (isUniqueViolation(error)) throw new UserError("duplicate_email", DUPLICATE_EMAIL, { email: [DUPLICATE_EMAIL] });
    throw error;
  }
}

export type UserChanges = {
  name?: { from: string; to: string };
  role?: { from: Role; to: Role };
  plantIds?: { from: number[]; to: number[] };
};

/**
 * Changes a user's name, role and plants. `actorId` is the administrator doing
 * it: nobody changes their own role, and the last active administrator stays one.
 */
export async function updateUser(
  db: UsersDb,
  actorId: number | null,
  input: UpdateUserInput | Record<string, unknown>,
): Promise<{ user: UserRecord; changes: UserChanges }> {
  const data = parse(updateUserSchema, input);
  const result = await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: data.userId }, select: USER_FIELDS });
    if (!before) throw new UserError("not_found", "This user does not exist (any more).");
    const changes: UserChanges = {};
    if (before.name !== data.name) changes.name = { from: before.name, to: data.name };
    if (before.role !== data.role) {
      if (data.userId === actorId) {
        const message = "You cannot change your own role. Ask another administrator to do it.";
        throw new UserError("self_role_change", message, { role: [message] });
      }
      if (before.role === "admin" && before.active) {
        const admins = await lockActiveAdmins(tx);
        if (admins.filter((id) => id !== data.userId).length === 0) {
          throw new UserError("last_admin", LAST_ADMIN, { role: [LAST_ADMIN] });
        }
      }
      changes.role = { from: before.role, to: data.role };
    }
    const oldPlants = before.plants.map((p) => p.plant.plantId);
    if (oldPlants.join(",") !== data.plantIds.join(",")) {
      await assertPlantsExist(tx, data.plantIds);
      changes.plantIds = { from: oldPlants, to: data.plantIds };
    }
    if (Object.keys(changes).length === 0) return { user: toRecord(before), changes };
    if (changes.plantIds) {
      await tx.userPlant.deleteMany({ where: { userId: data.userId } });
      if (data.plantIds.length > 0) {
        await tx.userPlant.createMany({ data: data.plantIds.map((plantId) => ({ userId: data.userId, plantId })) });
      }
    }
    const row = await tx.user.update({
      where: { id: data.userId },
      data: { name: data.name, role: data.role, updatedAt: new Date() },
      select: USER_FIELDS,
    });
    return { user: toRecord(row), changes };
  });
  // This process's cached copy goes now; other servers drop theirs on the database's notification.
  invalidateCachedActor(data.userId);
  return result;
}

/**
 * Deactivates or re-activates an account. A deactivated user cannot sign in and
 * is refused on their next request. Nobody deactivates themselves, and the last
 * active administrator stays active. `changed` is false when it already was so.
 */
export async function setUserActive(
  db: UsersDb,
  actorId: number | null,
  input: SetUserActiveInput | Record<string, unknown>,
): Promise<{ user: UserRecord; changed: boolean }> {
  const data = parse(setUserActiveSchema, input);
  if (!data.active && data.userId === actorId) {
    throw new UserError("self_deactivate", "You cannot deactivate your own account.");
  }
  const result = await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: data.userId }, select: USER_FIELDS });
    if (!before) throw new UserError("not_found", "This user does not exist (any more).");
    if (before.active === data.active) return { user: toRecord(before), changed: false };
    if (!data.active && before.role === "admin") {
      const admins = await lockActiveAdmins(tx);
      if (admins.filter((id) => id !== data.userId).length === 0) throw new UserError("last_admin", LAST_ADMIN);
    }
    const row = await tx.user.update({
      where: { id: data.userId },
      data: { active: data.active, updatedAt: new Date() },
      select: USER_FIELDS,
    });
    return { user: toRecord(row), changed: true };
  });
  invalidateCachedActor(data.userId);
  return result;
}

/** Sets a new password for a user (hashed with argon2id). */
export async function resetUserPassword(
  db: Pick<UsersDb, "user">,
  input: ResetPasswordInput | Record<string, unknown>,
): Promise<UserRecord> {
  const data = parse(resetPasswordSchema, input);
  const exists = await db.user.findUnique({ where: { id: data.userId }, select: { id: true } });
  if (!exists) throw new UserError("not_found", "This user does not exist (any more).");
  const passwordHash = await hashPassword(data.password);
  try {
    const row = await db.user.update({
      where: { id: data.userId },
      data: { passwordHash, updatedAt: new Date() },
      select: USER_FIELDS,
    });
    return toRecord(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      throw new UserError("not_found", "This user does not exist (any more).");
    }
    throw error;
  }
}
