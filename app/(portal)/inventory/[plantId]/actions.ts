"use server";

import { revalidatePath } from "next/cache";
import { noteDataChanged } from "@/lib/cache/results";
import { z } from "zod";
import { authorizeAction, type ActionResult } from "@/lib/access/guard";
import { plantScopeOf, type Actor } from "@/lib/access/policy";
import { getDb } from "@/lib/db";
import { findPartByNumber, MAX_MOVEMENT_QUANTITY, move, MovementError, type MovementInput, type MovementResult } from "@/lib/ops/movements";

// Server actions of the plant page's "Stock movement" card, for `useActionState`
// forms: permission first, then validation, then the movement (which checks the
// plant scope again), then fresh inventory pages.

type State = ActionResult | null;

const INVALID = "Some fields need attention.";

const text = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" ? v.trim() : "";
};
const whole = (min: number, message: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "Enter a whole number.")
    .transform(Number)
    .pipe(z.number().min(min, message).max(MAX_MOVEMENT_QUANTITY, `At most ${MAX_MOVEMENT_QUANTITY}.`));
const plantId = z.string().regex(/^[1-9]\d{0,8}$/, "Choose a plant.").transform(Number);
const partNumber = z.string().min(1, "Enter a part number.").max(64, "Not a part number.");

const schemas = {
  receive: z.object({ plantId, partNumber, quantity: whole(1, "At least 1.") }),
  consume: z.object({ plantId, partNumber, quantity: whole(1, "At least 1.") }),
  transfer: z
    .object({ plantId, toPlantId: plantId, partNumber, quantity: whole(1, "At least 1.") })
    .refine((v) => v.toPlantId !== v.plantId, { path: ["toPlantId"], message: "Choose another plant." }),
  adjust: z.object({
    plantId,
    partNumber,
    countedQuantity: whole(0, "Cannot be negative."),
    reason: z.string().min(1, "Give a reason for the correction.").max(500, "At most 500 characters."),
  }),
};

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[String(issue.path[0] ?? "")] ??= []).push(issue.message);
  return out;
}

const FIELDS = ["plantId", "toPlantId", "partNumber", "quantity", "countedQuantity", "reason"] as const;

async function run(actor: Actor, kind: keyof typeof schemas, formData: FormData): Promise<ActionResult> {
  const raw = Object.fromEntries(FIELDS.map((f) => [f, text(formData, f)]));
  const parsed = schemas[kind].safeParse(raw);
  if (!parsed.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
  const values = parsed.data as Record<string, unknown> & { plantId: number; partNumber: string };
  const db = await getDb();
  const part = await findPartByNumber(db, values.partNumber);
  if (!part) return { ok: false, error: INVALID, fieldErrors: { partNumber: [`There is no part ${values.partNumber}.`] } };
  const input = { ...values, kind, partId: part.partId } as unknown as MovementInput;
  let result: MovementResult;
  try {
    result = await move(db, { userId: actor.id, scope: plantScopeOf(actor) }, input);
  } catch (error) {
    if (error instanceof MovementError) {
      const field = error.code === "insufficient_stock" ? "quantity" : error.code === "out_of_scope" && kind === "transfer" ? "toPlantId" : undefined;
      const message =
        error.code === "insufficient_stock"
          ? `Not enough stock: ${error.details.onHand ?? "fewer than that"} of ${part.partNumber} on hand, ${error.details.requested ?? "more"} requested.`
          : error.message;
      return { ok: false, error: message, fieldErrors: field ? { [field]: [message] } : undefined };
    }
    console.error(`[volta] stock movement (${kind}) failed:`, error);
    return { ok: false, error: "Could not record the movement: the database did not answer as expected. Nothing was changed; try again." };
  }
  noteDataChanged(["inventory"]);
  revalidatePath("/inventory");
  for (const q of result.quantities) revalidatePath(`/inventory/${q.plantId}`);
  const onHand = result.quantities.map((q) => `${q.quantity} on hand at plant ${q.plantId}`).join(", ");
  const what = {
    receive: `Received ${values.quantity} × ${part.partNumber}`,
    consume: `Consumed ${values.quantity} × ${part.partNumber}`,
    transfer: `Transferred ${values.quantity} × ${part.partNumber} to plant ${values.toPlantId}`,
    adjust: result.movements.length === 0 ? `Count of ${part.partNumber} matches the books` : `Count of ${part.partNumber} recorded (${result.movements[0]!.quantityDelta > 0 ? "+" : ""}${result.movements[0]!.quantityDelta})`,
  }[kind];
  return { ok: true, message: `${what}: now ${onHand}.`, data: undefined };
}

export async function receiveStock(_previous: State, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("inventory:move");
  if (!auth.ok) return auth;
  return run(auth.actor, "receive", formData);
}

export async function consumeStock(_previous: State, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("inventory:move");
  if (!auth.ok) return auth;
  return run(auth.actor, "consume", formData);
}

export async function transferStock(_previous: State, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("inventory:move");
  if (!auth.ok) return auth;
  return run(auth.actor, "transfer", formData);
}

export async function adjustStock(_previous: State, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("inventory:move");
  if (!auth.ok) return auth;
  return run(auth.actor, "adjust", formData);
}
