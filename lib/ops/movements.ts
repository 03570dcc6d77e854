import { randomUUID } from "node:crypto";
import { z } from "zod";
import { scopeIncludesPlant, type PlantScope } from "../access/policy";
import type { Database, SqlRunner } from "../db/open";
import { claimKey, requestHash, storeResponse, type StoredResponse } from "./idempotency";

/**
 * Stock movements. Each one changes `inventory` and appends to the
 * `stock_movements` ledger in one transaction. Stock never goes negative: the
 * decrementing UPDATE carries the condition `quantity + delta >= 0` (and the
 * table's CHECK backs it), so concurrent movements on one row serialise on the
 * row lock and each re-checks against the committed quantity. Nothing is read
 * in JavaScript and written back.
 */

export const MOVEMENT_KINDS = ["receive", "consume", "transfer", "adjust"] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** The largest quantity one movement may carry (and the largest count). */
export const MAX_MOVEMENT_QUANTITY = 1_000_000;

export type MovementInput =
  | { kind: "receive"; plantId: number; partId: number; quantity: number }
  | { kind: "consume"; plantId: number; partId: number; quantity: number }
  | { kind: "transfer"; plantId: number; toPlantId: number; partId: number; quantity: number }
  | { kind: "adjust"; plantId: number; partId: number; countedQuantity: number; reason: string };

export type MovementContext = {
  /** Who moves the stock (null for scripts). */
  userId: number | null;
  /** The caller's plant scope: every plant the movement touches must be in it. */
  scope: PlantScope;
  idempotencyKey?: string | null;
};

export type LedgerEntry = { id: string; plantId: number; partId: number; kind: string; quantityDelta: number };

export type MovementResult = {
  kind: MovementKind;
  partId: number;
  /** The ledger rows written (none for a count that matched the books). */
  movements: LedgerEntry[];
  /** Stock on hand after the movement, per plant touched. */
  quantities: Array<{ plantId: number; partId: number; quantity: number }>;
  transferId?: string;
};

export type MovementErrorCode = "insufficient_stock" | "out_of_scope" | "not_found" | "invalid";

const STATUS: Record<MovementErrorCode, number> = { insufficient_stock: 409, out_of_scope: 403, not_found: 404, invalid: 400 };

export class MovementError extends Error {
  readonly status: number;
  constructor(
    readonly code: MovementErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "MovementError";
    this.status = STATUS[code];
  }
}

function isInt(n: unknown, min: number, max: number): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= min && n <= max;
}

function checkInput(input: MovementInput): void {
  const id = (n: unknown) => isInt(n, 1, 2_147_483_647);
  if (!id(input.plantId) || !id(input.partId)) throw new MovementError("invalid", "Plant and part must be positive whole numbers.");
  if (input.kind === "adjust") {
    if (!isInt(input.countedQuantity, 0, MAX_MOVEMENT_QUANTITY))
      throw new MovementError("invalid", `The counted quantity must be a whole number from 0 to ${MAX_MOVEMENT_QUANTITY}.`);
    if (typeof input.reason !== "string" || input.reason.trim() === "") throw new MovementError("invalid", "An adjustment needs a reason.");
    return;
  }
  if (!isInt(input.quantity, 1, MAX_MOVEMENT_QUANTITY))
    throw new MovementError("invalid", `The quantity must be a whole number from 1 to ${MAX_MOVEMENT_QUANTITY}.`);
  if (input.kind === "transfer") {
    if (!id(input.toPlantId)) throw new MovementError("invalid", "The target plant must be a positive whole number.");
    if (input.toPlantId === input.plantId) throw new MovementError("invalid", "A transfer needs two different plants.");
  }
}

function checkScope(scope: PlantScope, input: MovementInput): void {
  const plants = input.kind === "transfer" ? [input.plantId, input.toPlantId] : [input.plantId];
  const outside = plants.filter((p) => !scopeIncludesPlant(scope, p));
  if (outside.length > 0) {
    throw new MovementError("out_of_scope", `Plant ${outside.join(", ")} is not one of your plants.`, { plantIds: outside });
  }
}

type Row = { quantity: number; id: string };

// The ledger row written in the same statement as the stock change: `inv` is the
// change's CTE (returning the new quantity); no row there means no ledger row.
// Parameters: $1 plant, $2 part, $3 delta, $4 kind, $5 reason, $6 user, $7 transfer, $8 key.
const LEDGER_AND_RESULT = `led AS (
       INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta, reason, user_id, transfer_id, idempotency_key)
       SELECT $1, $2, $4, $3, $5, $6, $7::uuid, $8 FROM inv
       RETURNING id
     )
     SELECT inv.quantity, led.id::text AS id FROM inv, led`;

function movementParams(ctx: MovementContext, kind: string, plantId: number, partId: number, delta: number, extra: Extra) {
  return [plantId, partId, delta, kind, extra.reason ?? null, ctx.userId, extra.transferId ?? null, ctx.idempotencyKey ?? null];
}

/** Adds a positive delta, creating the inventory row if the plant has none for the part. */
async function addStock(tx: SqlRunner, ctx: MovementContext, kind: string, plantId: number, partId: number, delta: number, extra: Extra): Promise<Row> {
  const rows = await tx.query<Row>(
    `WITH inv AS (
       INSERT INTO inventory (plant_id, part_id, quantity, reorder_point, updated_at)
       VALUES ($1, $2, $3, 0, now())
       ON CONFLICT (plant_id, part_id) DO UPDATE SET quantity = inventory.quantity + EXCLUDED.quantity, updated_at = now()
       RETURNING quantity
     ), ${LEDGER_AND_RESULT}`,
    movementParams(ctx, kind, plantId, partId, delta, extra),
  );
  return rows[0]!;
}

/** Applies a delta (of either sign) to an existing row, only if stock stays >= 0; null when it would not. */
async function applyDelta(tx: SqlRunner, ctx: MovementContext, kind: string, plantId: number, partId: number, delta: number, extra: Extra): Promise<Row | null> {
  const rows = await tx.query<Row>(
    `WITH inv AS (
       UPDATE inventory SET quantity = quantity + $3, updated_at = now()
       WHERE plant_id = $1 AND part_id = $2 AND quantity + $3 >= 0
       RETURNING quantity
     ), ${LEDGER_AND_RESULT}`,
    movementParams(ctx, kind, plantId, partId, delta, extra),
  );
  return rows[0] ?? null;
}

type Extra = { reason?: string; transferId?: string };

/** Why a decrement did not apply: unknown plant or part (404), or not enough stock (409). */
async function refusal(tx: SqlRunner, plantId: number, partId: number, wanted: number): Promise<MovementError> {
  const [row] = await tx.query<{ plant: boolean; part: boolean; quantity: number | null }>(
    `SELECT EXISTS (SELECT 1 FROM plants WHERE plant_id = $1) AS plant,
            EXISTS (SELECT 1 FROM parts WHERE part_id = $2) AS part,
            (SELECT quantity FROM inventory WHERE plant_id = $1 AND part_id = $2) AS quantity`,
    [plantId, partId],
  );
  if (!row?.plant) return new MovementError("not_found", `There is no plant ${plantId}.`);
  if (!row.part) return new MovementError("not_found", `There is no part ${partId}.`);
  const onHand = row.quantity ?? 0;
  return new MovementError(
    "insufficient_stock",
    `Not enough stock: plant ${plantId} has ${onHand} of part ${partId} on hand, ${wanted} requested. Stock cannot go negative.`,
    { plantId, partId, onHand, requested: wanted },
  );
}

/** Translates database refusals (unknown plant or part, an overflowing quantity) into movement errors. */
function translate(error: unknown): unknown {
  if (error instanceof MovementError) return error;
  const code = (error as { code?: string })?.code;
  const constraint = (error as { constraint?: string })?.constraint ?? "";
  if (code === "23503") {
    return new MovementError("not_found", constraint.includes("part") ? "There is no such part." : "There is no such plant.");
  }
  if (code === "22003") return new MovementError("invalid", "The resulting quantity is too large.");
  if (code === "23514" && constraint === "inventory_quantity_check") {
    return new MovementError("insufficient_stock", "Not enough stock: stock cannot go negative.");
  }
  return error;
}

/**
 * Applies one movement inside the caller's transaction. Throws MovementError
 * for refusals; a refusal thrown before any change leaves the transaction usable.
 */
export async function applyMovement(tx: SqlRunner, ctx: MovementContext, input: MovementInput): Promise<MovementResult> {
  checkInput(input);
  checkScope(ctx.scope, input);
  try {
    switch (input.kind) {
      case "receive": {
        const row = await addStock(tx, ctx, "receive", input.plantId, input.partId, input.quantity, {});
        return result(input, [[input.plantId, "receive", input.quantity, row]]);
      }
      case "consume": {
        const row = await applyDelta(tx, ctx, "consume", input.plantId, input.partId, -input.quantity, {});
        if (!row) throw await refusal(tx, input.plantId, input.partId, input.quantity);
        return result(input, [[input.plantId, "consume", -input.quantity, row]]);
      }
      case "transfer":
        return await transferIn(tx, ctx, input);
      case "adjust":
        return await adjustIn(tx, ctx, input);
    }
  } catch (error) {
    throw translate(error);
  }
}

function result(input: MovementInput, legs: Array<[number, string, number, Row]>, transferId?: string): MovementResult {
  return {
    kind: input.kind,
    partId: input.partId,
    movements: legs.map(([plantId, kind, quantityDelta, row]) => ({ id: row.id, plantId, partId: input.partId, kind, quantityDelta })),
    quantities: legs.map(([plantId, , , row]) => ({ plantId, partId: input.partId, quantity: Number(row.quantity) })),
    ...(transferId ? { transferId } : {}),
  };
}

async function transferIn(tx: SqlRunner, ctx: MovementContext, input: Extract<MovementInput, { kind: "transfer" }>): Promise<MovementResult> {
  const transferId = randomUUID();
  // Both rows locked in one statement, lower (plant_id, part_id) first: two
  // transfers in opposite directions take the locks in the same order and
  // cannot deadlock. Then the source is decremented (conditionally) before the
  // target is touched, so a refusal leaves nothing changed.
  await tx.query(
    `SELECT 1 FROM inventory WHERE part_id = $3 AND plant_id IN ($1, $2) ORDER BY plant_id, part_id FOR UPDATE`,
    [input.plantId, input.toPlantId, input.partId],
  );
  const out = await applyDelta(tx, ctx, "transfer_out", input.plantId, input.partId, -input.quantity, { transferId });
  if (!out) throw await refusal(tx, input.plantId, input.partId, input.quantity);
  const inn = await addStock(tx, ctx, "transfer_in", input.toPlantId, input.partId, input.quantity, { transferId });
  return result(
    input,
    [
      [input.plantId, "transfer_out", -input.quantity, out],
      [input.toPlantId, "transfer_in", input.quantity, inn],
    ],
    transferId,
  );
}

async function adjustIn(tx: SqlRunner, ctx: MovementContext, input: Extract<MovementInput, { kind: "adjust" }>): Promise<MovementResult> {
  const reason = input.reason.trim();
  for (let attempt = 0; attempt < 3; attempt++) {
    // The row is locked while the difference to the count is worked out.
    const [current] = await tx.query<{ quantity: number }>(
      `SELECT quantity FROM inventory WHERE plant_id = $1 AND part_id = $2 FOR UPDATE`,
      [input.plantId, input.partId],
    );
    if (current) {
      const delta = input.countedQuantity - Number(current.quantity);
      if (delta === 0) return { kind: "adjust", partId: input.partId, movements: [], quantities: [{ plantId: input.plantId, partId: input.partId, quantity: input.countedQuantity }] };
      const row = await applyDelta(tx, ctx, "adjust", input.plantId, input.partId, delta, { reason });
      if (!row) throw new MovementError("invalid", "The count could not be applied.");
      return result(input, [[input.plantId, "adjust", delta, row]]);
    }
    if (input.countedQuantity === 0) {
      const missing = await refusal(tx, input.plantId, input.partId, 0);
      if (missing.code === "not_found") throw missing;
      return { kind: "adjust", partId: input.partId, movements: [], quantities: [{ plantId: input.plantId, partId: input.partId, quantity: 0 }] };
    }
    // No row yet: create it with the count, unless a concurrent movement just did (then look again).
    const rows = await tx.query<Row>(
      `WITH inv AS (
         INSERT INTO inventory (plant_id, part_id, quantity, reorder_point, updated_at) VALUES ($1, $2, $3, 0, now())
         ON CONFLICT (plant_id, part_id) DO NOTHING
         RETURNING quantity
       ), led AS (
         INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta, reason, user_id, idempotency_key)
         SELECT $1, $2, 'adjust', $3, $4, $5, $6 FROM inv RETURNING id
       )
       SELECT inv.quantity, led.id::text AS id FROM inv, led`,
      [input.plantId, input.partId, input.countedQuantity, reason, ctx.userId, ctx.idempotencyKey ?? null],
    );
    if (rows[0]) return result(input, [[input.plantId, "adjust", input.countedQuantity, rows[0]]]);
  }
  throw new MovementError("invalid", "The count could not be applied; try again.");
}

/** One movement in its own transaction. */
export function move(db: Pick<Database, "transaction">, ctx: MovementContext, input: MovementInput): Promise<MovementResult> {
  return db.transaction((tx) => applyMovement(tx, ctx, input));
}

type Db = Pick<Database, "transaction">;

export const receive = (db: Db, ctx: MovementContext, i: { plantId: number; partId: number; quantity: number }) =>
  move(db, ctx, { kind: "receive", ...i });
export const consume = (db: Db, ctx: MovementContext, i: { plantId: number; partId: number; quantity: number }) =>
  move(db, ctx, { kind: "consume", ...i });
export const transfer = (db: Db, ctx: MovementContext, i: { plantId: number; toPlantId: number; partId: number; quantity: number }) =>
  move(db, ctx, { kind: "transfer", ...i });
export const adjust = (db: Db, ctx: MovementContext, i: { plantId: number; partId: number; countedQuantity: number; reason: string }) =>
  move(db, ctx, { kind: "adjust", ...i });

export type IdempotentOutcome = StoredResponse & { replayed: boolean };

/**
 * A movement under an Idempotency-Key (API requests): the key is claimed, the
 * movement applied and its answer stored in one transaction. A retry with the
 * same key and body returns the stored answer (201 or the refusal) and changes
 * nothing; the same key with another body is a 422.
 */
export async function moveIdempotently(
  db: Db,
  ctx: MovementContext & { userId: number; idempotencyKey: string },
  input: MovementInput,
  body: unknown = input,
): Promise<IdempotentOutcome> {
  const hash = requestHash(body);
  try {
    return await db.transaction(async (tx) => {
      const claim = await claimKey(tx, ctx.userId, ctx.idempotencyKey, hash);
      if (claim.kind === "replay") return { ...claim.response, replayed: true };
      if (claim.kind === "mismatch") {
        return { status: 422, body: { error: "This Idempotency-Key was already used with a different request body." }, replayed: false };
      }
      if (claim.kind === "in_progress") return { status: 409, body: { error: "A request with this Idempotency-Key is still in progress." }, replayed: false };
      let response: StoredResponse;
      try {
        const moved = await applyMovement(tx, ctx, input);
        response = { status: 201, body: moved };
      } catch (error) {
        // Refusals found without changing anything (scope, not enough stock) are
        // answers too: stored, so that a retry gets the same one.
        if (error instanceof MovementError && error.code !== "not_found" && error.code !== "invalid") {
          response = { status: error.status, body: { error: error.message, code: error.code, ...error.details } };
        } else throw error;
      }
      return { ...(await storeResponse(tx, ctx.userId, ctx.idempotencyKey, response)), replayed: false };
    });
  } catch (error) {
    const translated = translate(error);
    if (translated instanceof MovementError) {
      return { status: translated.status, body: { error: translated.message, code: translated.code, ...translated.details }, replayed: false };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Request validation (the JSON API; the page's forms coerce their strings first)


const id = z.number({ error: "Must be a number." }).int("Must be a whole number.").positive("Must be positive.").max(2_147_483_647, "Too large.");
const quantity = z
  .number({ error: "Must be a number." })
  .int("Must be a whole number.")
  .min(1, "Must be at least 1.")
  .max(MAX_MOVEMENT_QUANTITY, `Must be at most ${MAX_MOVEMENT_QUANTITY}.`);
const counted = z
  .number({ error: "Must be a number." })
  .int("Must be a whole number.")
  .min(0, "Cannot be negative.")
  .max(MAX_MOVEMENT_QUANTITY, `Must be at most ${MAX_MOVEMENT_QUANTITY}.`);
const reason = z
  .string({ error: "Give a reason." })
  .trim()
  .min(1, "Give a reason.")
  .max(500, "At most 500 characters.")
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), "Contains control characters.");

export const movementRequestSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("receive"), plantId: id, partId: id, quantity }),
    z.strictObject({ kind: z.literal("consume"), plantId: id, partId: id, quantity }),
    z
      .strictObject({ kind: z.literal("transfer"), plantId: id, toPlantId: id, partId: id, quantity })
      .refine((v) => v.toPlantId !== v.plantId, { path: ["toPlantId"], message: "Choose another plant than the source." }),
    z.strictObject({ kind: z.literal("adjust"), plantId: id, partId: id, countedQuantity: counted, reason }),
  ],
  { error: "Must be one of receive, consume, transfer, adjust." },
);

export type MovementRequest = z.infer<typeof movementRequestSchema>;

/** Field errors of a failed parse, keyed by field ("" for the body as a whole). */
export function movementFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "";
    const message = issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : issue.message;
    (out[key] ??= []).push(message);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading: the choices of the movement forms, the ledger

export type MovementOptions = {
  plants: Array<{ plantId: number; name: string }>;
  parts: Array<{ partId: number; partNumber: string; name: string }>;
};

/** Plants in the caller's scope (transfer targets) and the parts catalogue. */
export async function movementOptions(db: Pick<Database, "query">, scope: PlantScope): Promise<MovementOptions> {
  const plantIds = scope.kind === "all" ? null : [...scope.plantIds];
  const plants = await db.query<{ plant_id: number; name: string }>(
    `SELECT plant_id, name FROM plants WHERE $1::int[] IS NULL OR plant_id = ANY($1::int[]) ORDER BY name`,
    [plantIds],
  );
  const parts = await db.query<{ part_id: number; part_number: string; name: string }>(
    `SELECT part_id, part_number, name FROM parts ORDER BY part_number`,
  );
  return {
    plants: plants.map((p) => ({ plantId: Number(p.plant_id), name: p.name })),
    parts: parts.map((p) => ({ partId: Number(p.part_id), partNumber: p.part_number, name: p.name })),
  };
}

/** The part with this part number, or null. */
export async function findPartByNumber(db: Pick<Database, "query">, partNumber: string): Promise<{ partId: number; partNumber: string; name: string } | null> {
  const [row] = await db.query<{ part_id: number; part_number: string; name: string }>(
    `SELECT part_id, part_number, name FROM parts WHERE part_number = $1`,
    [partNumber],
  );
  return row ? { partId: Number(row.part_id), partNumber: row.part_number, name: row.name } : null;
}

export type LedgerRow = {
  id: string;
  at: string;
  plantId: number;
  partId: number;
  partNumber: string;
  kind: string;
  quantityDelta: number;
  reason: string | null;
  userId: number | null;
  transferId: string | null;
};

/** The newest ledger rows within the caller's scope, optionally for one plant or part. */
export async function recentMovements(
  db: Pick<Database, "query">,
  scope: PlantScope,
  filter: { plantId?: number; partId?: number; limit?: number } = {},
): Promise<LedgerRow[]> {
  const plantIds = scope.kind === "all" ? null : [...scope.plantIds];
  const rows = await db.query<Record<string, unknown>>(
    `SELECT m.id::text AS id, to_char(m.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, m.plant_id, m.part_id,
            p.part_number, m.kind, m.quantity_delta, m.reason, m.user_id, m.transfer_id::text AS transfer_id
     FROM stock_movements m JOIN parts p ON p.part_id = m.part_id
     WHERE ($1::int[] IS NULL OR m.plant_id = ANY($1::int[]))
       AND ($2::int IS NULL OR m.plant_id = $2) AND ($3::int IS NULL OR m.part_id = $3)
     ORDER BY m.id DESC LIMIT $4`,
    [plantIds, filter.plantId ?? null, filter.partId ?? null, Math.min(Math.max(filter.limit ?? 50, 1), 500)],
  );
  return rows.map((r) => ({
    id: String(r.id),
    at: String(r.at),
    plantId: Number(r.plant_id),
    partId: Number(r.part_id),
    partNumber: String(r.part_number),
    kind: String(r.kind),
    quantityDelta: Number(r.quantity_delta),
    reason: (r.reason as string | null) ?? null,
    userId: r.user_id === null ? null : Number(r.user_id),
    transferId: (r.transfer_id as string | null) ?? null,
  }));
}
