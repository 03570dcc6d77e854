"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authorizeAction, type ActionResult } from "@/lib/access/guard";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import {
  createUserInputFromForm,
  createUserSchema,
  fieldErrorsOf,
  resetPasswordInputFromForm,
  resetPasswordSchema,
  setUserActiveInputFromForm,
  setUserActiveSchema,
  updateUserInputFromForm,
  updateUserSchema,
} from "@/lib/users/schemas";
import * as users from "@/lib/users/store";

// Server actions of the user administration pages, for `useActionState` forms.
// Each one: permission first, then validation, then the change, then the audit
// entry (never with a password or hash in it), then fresh pages.

type State = ActionResult | null;

const INVALID = "Some fields need attention.";

function refusal(error: unknown, what: string): ActionResult {
  if (error instanceof users.UserError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  console.error(`[volta] ${what} failed:`, error);
  return { ok: false, error: `Could not ${what}: the database did not answer as expected. Nothing was changed; try again.` };
}

function refreshAdminPages(userId?: number) {
  revalidatePath("/admin/users");
  if (userId !== undefined) revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin/audit");
}

export async function createUser(_previous: State, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("users:manage");
  if (!auth.ok) return auth;
  const parsed = createUserSchema.safeParse(createUserInputFromForm(formData));
  if (!parsed.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };

  let created: users.UserRecord;
  try {
    created = await users.createUser((await getDb()).prisma, parsed.data);
  } catch (error) {
    return refusal(error, "create the user");
  }
  await recordAudit({
    action: "user.create",
    actor: auth.actor,
    target: created.email,
    details: { userId: created.id, name: created.name, role: created.role, plantIds: created.plants.map((p) => p.plantId) },
  });
  refreshAdminPages(created.id);
  redirect(`/admin/users/${created.id}?created=1`);
}

export async function updateUser(_previous: State, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("users:manage");
  if (!auth.ok) return auth;
  const parsed = updateUserSchema.safeParse(updateUserInputFromForm(formData));
  if (!parsed.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };

  let result: Awaited<ReturnType<typeof users.updateUser>>;
  try {
    result = await users.updateUser((await getDb()).prisma, auth.actor.id, parsed.data);
  } catch (error) {
    return refusal(error, "save the changes");
  }
  if (Object.keys(result.changes).length === 0) return { ok: true, message: "Nothing to save: no field was changed." };
  await recordAudit({
    action: "user.update",
    actor: auth.actor,
    target: result.user.email,
    details: { userId: result.user.id, changes: result.changes },
  });
  refreshAdminPages(result.user.id);
  return { ok: true, message: "Changes saved." };
}

export async function setUserActive(_previous: State, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("users:manage");
  if (!auth.ok) return auth;
  const parsed = setUserActiveSchema.safeParse(setUserActiveInputFromForm(formData));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? INVALID, fieldErrors: fieldErrorsOf(parsed.error) };

  let result: Awaited<ReturnType<typeof users.setUserActive>>;
  try {
    result = await users.setUserActive((await getDb()).prisma, auth.actor.id, parsed.data);
  } catch (error) {
    return refusal(error, parsed.data.active ? "activate the account" : "deactivate the account");
  }
  const { user, changed } = result;
  if (changed) {
    await recordAudit({
      action: user.active ? "user.activate" : "user.deactivate",
      actor: auth.actor,
      target: user.email,
      details: { userId: user.id },
    });
    refreshAdminPages(user.id);
  }
  return {
    ok: true,
    message: user.active ? `${user.name} can sign in again.` : `${user.name} is deactivated and can no longer sign in.`,
  };
}

export async function resetPassword(_previous: State, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("users:manage");
  if (!auth.ok) return auth;
  const parsed = resetPasswordSchema.safeParse(resetPasswordInputFromForm(formData));
  if (!parsed.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };

  let user: users.UserRecord;
  try {
    user = await users.resetUserPassword((await getDb()).prisma, parsed.data);
  } catch (error) {
    return refusal(error, "set the new password");
  }
  await recordAudit({ action: "user.password_reset", actor: auth.actor, target: user.email, details: { userId: user.id } });
  refreshAdminPages(user.id);
  return { ok: true, message: `New password set for ${user.name}. Give it to them through a safe channel.` };
}
