import { z } from "zod";
import { ROLES, type Role } from "../auth/roles";

/**
 * Input rules for user administration: the admin forms, the server actions, the
 * data layer and the `user:create` command all validate through these schemas.
 * Pure (no I/O, no server-only imports), so the rules are unit-tested directly.
 */

/** Same as MIN_PASSWORD_LENGTH in lib/auth/password.ts (a unit test keeps them equal). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;
export const EMAIL_MAX_LENGTH = 320;
export const NAME_MAX_LENGTH = 100;
export const MAX_PLANTS = 100;

/** The largest value of a PostgreSQL `integer` (user and plant ids). */
const INT4_MAX = 2_147_483_647;
/** The largest value of a PostgreSQL `bigint` (audit log ids). */
const INT8_MAX = 9_223_372_036_854_775_807n;

const CONTROL_CHARS = /\p{Cc}/u;

export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(EMAIL_MAX_LENGTH, `An email address can have at most ${EMAIL_MAX_LENGTH} characters.`)
  .email("Enter a valid email address, like name@example.com.");

export const nameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(NAME_MAX_LENGTH, `A name can have at most ${NAME_MAX_LENGTH} characters.`)
  .refine((value) => !CONTROL_CHARS.test(value), "A name cannot contain control characters such as line breaks.");

export const roleSchema = z.enum(ROLES, {
  error: "Choose a role: Executive, Plant manager, Sales or Administrator.",
});

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `A password can have at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((value) => value.trim().length > 0, "A password cannot be only spaces.");

/**
 * A positive database id (integer column): a safe integer, or its canonical
 * decimal spelling (no sign, no leading zeros, no spaces) as forms and URLs send it.
 */
function intId(message: string) {
  return z.unknown().transform((value, ctx): number => {
    const id = toIntId(value);
    if (id === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });
}

function toIntId(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 && value <= INT4_MAX ? value : null;
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= INT4_MAX ? id : null;
}

/** A user id from a URL segment or a form: the id, or null for anything else. */
export function parseUserId(value: unknown): number | null {
  return toIntId(value);
}

export const userIdSchema = intId("This user does not exist.");

export const plantIdsSchema = z
  .array(intId("Choose plants from the list."), { error: "Choose plants from the list." })
  .max(MAX_PLANTS, `A user can be assigned at most ${MAX_PLANTS} plants.`)
  .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));

/** Plants belong to plant managers only, and a plant manager needs at least one. */
function checkPlantsForRole(value: { role: Role; plantIds: number[] }, ctx: z.RefinementCtx) {
  if (value.role === "plant_manager" && value.plantIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["plantIds"], message: "Choose at least one plant for a plant manager." });
  }
  if (value.role !== "plant_manager" && value.plantIds.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["plantIds"],
      message: "Only plant managers are assigned plants: clear the plants or choose the Plant manager role.",
    });
  }
}

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    role: roleSchema,
    password: passwordSchema,
    plantIds: plantIdsSchema.default([]),
  })
  .superRefine(checkPlantsForRole);

export const updateUserSchema = z
  .object({
    userId: userIdSchema,
    name: nameSchema,
    role: roleSchema,
    plantIds: plantIdsSchema.default([]),
  })
  .superRefine(checkPlantsForRole);

export const setUserActiveSchema = z.object({
  userId: userIdSchema,
  active: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
    error: "Say whether the account should be active.",
  }),
});

export const resetPasswordSchema = z.object({
  userId: userIdSchema,
  password: passwordSchema,
});

export type CreateUserInput = z.input<typeof createUserSchema>;
export type CreateUserData = z.output<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;
export type UpdateUserData = z.output<typeof updateUserSchema>;
export type SetUserActiveInput = z.input<typeof setUserActiveSchema>;
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

export type FieldErrors = Record<string, string[] | undefined>;

/**
 * Zod's issues as { field: [message] }, for inline display next to each field:
 * the first issue of each field only (a 10,000-character "email" is first too
 * long; that it is also malformed adds nothing the user can act on).
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    out[key] ??= [issue.message];
  }
  return out;
}

// FormData → schema input. Missing fields become undefined (the schema says what
// is required); a file where text is expected is passed on and refused by type.
const field = (form: FormData, name: string) => form.get(name) ?? undefined;

export function createUserInputFromForm(form: FormData): Record<string, unknown> {
  return {
    email: field(form, "email"),
    name: field(form, "name"),
    role: field(form, "role"),
    password: field(form, "password"),
    plantIds: form.getAll("plantIds"),
  };
}

export function updateUserInputFromForm(form: FormData): Record<string, unknown> {
  return {
    userId: field(form, "userId"),
    name: field(form, "name"),
    role: field(form, "role"),
    plantIds: form.getAll("plantIds"),
  };
}

export function setUserActiveInputFromForm(form: FormData): Record<string, unknown> {
  return { userId: field(form, "userId"), active: field(form, "active") };
}

export function resetPasswordInputFromForm(form: FormData): Record<string, unknown> {
  return { userId: field(form, "userId"), password: field(form, "password") };
}

/** The audit log page's query string: `before` (keyset cursor) and `action` (filter). */
export type AuditQuery = {
  before?: bigint;
  action?: string;
  /** What was wrong with the query string, in words; the page shows them and ignores the bad part. */
  problems: string[];
};

export function parseAuditQuery(
  params: Record<string, string | string[] | undefined>,
  actions: readonly string[],
): AuditQuery {
  const query: AuditQuery = { problems: [] };
  const before = params.before;
  if (before !== undefined && before !== "") {
    const id = typeof before === "string" && /^[1-9]\d{0,18}$/.test(before) ? BigInt(before) : null;
    if (id === null || id > INT8_MAX) query.problems.push("The page position in the address is not valid, so the newest entries are shown.");
    else query.before = id;
  }
  const action = params.action;
  if (action !== undefined && action !== "") {
    if (typeof action === "string" && actions.includes(action)) query.action = action;
    else query.problems.push("The action filter in the address is not a known action, so all actions are shown.");
  }
  return query;
}
