import { revalidatePath } from "next/cache";
import { noteDataChanged } from "@/lib/cache/results";
import { NextResponse } from "next/server";
import { withPermission } from "@/lib/access/guard";
import { scopeIncludesPlant } from "@/lib/access/policy";
import { getDb } from "@/lib/db";
import { IDEMPOTENCY_KEY_PATTERN } from "@/lib/ops/idempotency";
import {
  movementBatchSchema,
  movementFieldErrors,
  movementRequestSchema,
  moveBatchIdempotently,
  moveIdempotently,
  recentMovements,
  type IdempotentOutcome,
  type MovementRequest,
} from "@/lib/ops/movements";

// One movement is well under 1 KiB; a batch of 500 with long reasons stays under this.
const MAX_BODY_BYTES = 512 * 1024;

/**
 * POST /api/inventory/movements — receive, consume, transfer or count stock:
 * one movement, or `{"movements": [...]}` (1 to 500, all or nothing).
 * Requires an `Idempotency-Key` header: a retry with the same key and body gets
 * the first answer back (same status and body) and changes nothing.
 */
export const POST = withPermission("inventory:move", async (request, { actor, scope }) => {
  const key = request.headers.get("idempotency-key");
  if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return NextResponse.json(
      { error: "An Idempotency-Key header is required: 1 to 200 printable ASCII characters, unique per movement (a UUID, say)." },
      { status: 400 },
    );
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return NextResponse.json({ error: "The request body is too large." }, { status: 413 });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return NextResponse.json({ error: "The request body must be JSON." }, { status: 400 });
  }
  const db = await getDb();
  const ctx = { userId: actor.id, scope, idempotencyKey: key };

  if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && "movements" in raw) {
    // A batch: all movements or none, under the one key.
    const parsed = movementBatchSchema.safeParse(raw);
    if (!parsed.success) {
      return NextResponse.json({ error: "The batch is not valid.", fieldErrors: movementFieldErrors(parsed.error) }, { status: 400 });
    }
    const inputs = parsed.data.movements;
    const outside = inputs.findIndex((input) => !plantsOf(input).every((p) => scopeIncludesPlant(scope, p)));
    if (outside >= 0) {
      return NextResponse.json(
        { error: `Movement ${outside + 1}: you may only move stock at your own plants. Nothing was applied.`, index: outside },
        { status: 403 },
      );
    }
    const outcome = await moveBatchIdempotently(db, ctx, inputs, raw);
    if (outcome.status === 201 && !outcome.replayed) revalidateInventory(new Set(inputs.flatMap(plantsOf)));
    return reply(outcome);
  }

  const parsed = movementRequestSchema.safeParse(raw);
  if (!parsed.success) {
    return NextResponse.json({ error: "The movement is not valid.", fieldErrors: movementFieldErrors(parsed.error) }, { status: 400 });
  }
  const input = parsed.data;
  const plants = plantsOf(input);
  if (!plants.every((p) => scopeIncludesPlant(scope, p))) {
    return NextResponse.json({ error: "You may only move stock at your own plants." }, { status: 403 });
  }
  const outcome = await moveIdempotently(db, ctx, input, raw);
  if (outcome.status === 201 && !outcome.replayed) revalidateInventory(new Set(plants));
  return reply(outcome);
});

function plantsOf(input: MovementRequest): number[] {
  return input.kind === "transfer" ? [input.plantId, input.toPlantId] : [input.plantId];
}

function revalidateInventory(plantIds: Set<number>) {
  noteDataChanged(["inventory"]);
  revalidatePath("/inventory");
  for (const plantId of plantIds) revalidatePath(`/inventory/${plantId}`);
}

function reply(outcome: IdempotentOutcome): Response {
  return NextResponse.json(outcome.body, {
    status: outcome.status,
    headers: outcome.replayed ? { "Idempotent-Replayed": "true" } : undefined,
  });
}

/** GET /api/inventory/movements?plantId=&partId=&limit= — the newest ledger rows within the caller's plants. */
export const GET = withPermission("inventory:move", async (request, { scope }) => {
  const params = new URL(request.url).searchParams;
  const num = (name: string) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return undefined;
    return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : NaN;
  };
  const plantId = num("plantId");
  const partId = num("partId");
  const limit = num("limit");
  if ([plantId, partId, limit].some((n) => Number.isNaN(n))) {
    return NextResponse.json({ error: "plantId, partId and limit must be positive whole numbers." }, { status: 400 });
  }
  if (plantId !== undefined && !scopeIncludesPlant(scope, plantId)) {
    return NextResponse.json({ error: "You may only see stock movements of your own plants." }, { status: 403 });
  }
  const movements = await recentMovements(await getDb(), scope, { plantId, partId, limit });
  return NextResponse.json({ movements });
});
