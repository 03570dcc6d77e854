import { z } from "zod";
import { scopeIncludesPlant, type PlantScope } from "../access/policy";
import type { Database, SqlRunner } from "../db/open";
import { requestHash, type StoredResponse } from "./idempotency";

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

/** The largest number of movements one batch request may carry. */
export const MAX_BATCH_MOVEMENTS = 500;

type SqlOutcome = { status: number; body: unknown; replayed: boolean };

/** Translates database refusals (unknown plant or part, an overflowing quantity) into movement errors. */
function translate(error: unknown): unknown {
  if (error instanceof MovementError) return error;
  const code = (error as { code?: string })?.code;
  const constraint = (error as { constraint?: string })?.constraint ?? "";
  const message = (error as { message?: string })?.message ?? "";
  const detail = parseDetail((error as { detail?: string })?.detail);
  if (code === "VM404") return new MovementError("not_found", message, detail);
  if (code === "VM409") return new MovementError("insufficient_stock", message, detail);
  if (code === "VM403") return new MovementError("out_of_scope", message, detail);
  if (code === "23503") {
    return new MovementError("not_found", constraint.includes("part") ? "There is no such part." : "There is no such plant.");
  }
  if (code === "22003") return new MovementError("invalid", "The resulting quantity is too large.");
  if (code === "23514" && constraint === "inventory_quantity_check") {
    return new MovementError("insufficient_stock", "Not enough stock: stock cannot go negative.");
  }
  return error;
}

function parseDetail(detail: string | undefined): Record<string, unknown> {
  if (!detail) return {};
  try {
    const parsed = JSON.parse(detail) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A deadlock (two batches creating the same new rows in opposite orders) or a lost race: safe to run again, nothing was committed. */
function retryable(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === "40P01" || code === "40001";
}

/**
 * One round trip: `volta_apply_movements` (migration 20261201080000) claims the
 * key, applies every movement (ledger row and conditional stock change each,
 * stock never negative, transfers locking both rows in key order) and stores the
 * answer, in one statement — its own transaction, or the caller's.
 */
async function applyInSql(
  runner: Pick<SqlRunner, "query">,
  ctx: MovementContext,
  items: MovementInput[],
  options: { batch: boolean; hash?: string },
): Promise<SqlOutcome> {
  items.forEach((input, index) => {
    try {
      checkInput(input);
      checkScope(ctx.scope, input);
    } catch (error) {
      if (!options.batch || !(error instanceof MovementError)) throw error;
      throw new MovementError(error.code, `Movement ${index + 1}: ${error.message}`, { ...error.details, index });
    }
  });
  const plantIds = ctx.scope.kind === "all" ? null : [...ctx.scope.plantIds];
  const payload = JSON.stringify(items.map((i) => (i.kind === "adjust" ? { ...i, reason: i.reason.trim() } : i)));
  try {
    const [row] = await runner.query<{ r: unknown }>(`SELECT volta_apply_movements($1, $2::int[], $3, $4, $5::jsonb, $6) AS r`, [
      ctx.userId,
      plantIds,
      ctx.idempotencyKey ?? null,
      options.hash ?? null,
      payload,
      options.batch,
    ]);
    const r = row!.r;
    return (typeof r === "string" ? JSON.parse(r) : r) as SqlOutcome;
  } catch (error) {
    throw translate(error);
  }
}

/**
 * Applies one movement inside the caller's transaction (one statement). Throws
 * MovementError for refusals.
 */
export async function applyMovement(tx: SqlRunner, ctx: MovementContext, input: MovementInput): Promise<MovementResult> {
  const outcome = await applyInSql(tx, { ...ctx, idempotencyKey: null }, [input], { batch: false });
  return outcome.body as MovementResult;
}

/** One movement in its own transaction (a single statement). */
export async function move(db: Pick<Database, "query">, ctx: MovementContext, input: MovementInput): Promise<MovementResult> {
  const outcome = await withRetry(() => applyInSql(db, { ...ctx, idempotencyKey: null }, [input], { batch: false }));
  return outcome.body as MovementResult;
}

/** Several movements, all or nothing, in one transaction (a single statement). */
export async function moveAll(db: Pick<Database, "query">, ctx: MovementContext, inputs: MovementInput[]): Promise<MovementResult[]> {
  checkBatchSize(inputs);
  const outcome = await withRetry(() => applyInSql(db, { ...ctx, idempotencyKey: null }, inputs, { batch: true }));
  return (outcome.body as { results: MovementResult[] }).results;
}

function checkBatchSize(inputs: unknown[]) {
  if (inputs.length < 1 || inputs.length > MAX_BATCH_MOVEMENTS) {
    throw new MovementError("invalid", `A batch holds 1 to ${MAX_BATCH_MOVEMENTS} movements.`);
  }
}

/** Runs a whole single-statement transaction again after a deadlock or serialization failure (nothing of it was committed). */
async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const cause = error instanceof MovementError ? null : error;
      if (attempt < 3 && cause && retryable(cause)) continue;
      throw error;
    }
  }
}

type Db = Pick<Database, "query">;

export const receive = (db: Db, ctx: MovementContext, i: { plantId: number; partId: number; quantity: number }) =>
  move(db, ctx, { kind: "receive", ...i });
export const consume = (db: Db, ctx: MovementContext, i: { plantId: number; partId: number; quantity: number }) =>
  move(db, ctx, { kind: "consume", ...i });
export const transfer = (db: Db, ctx: MovementContext, i: { plantId: number; toPlantId: number; partId: number; quantity: number }) =>
  move(db, ctx, { kind: "transfer", ...i });
export const adjust = (db: Db, ctx: MovementContext, i: { plantId: number; partId: number; countedQuantity: number; reason: string }) =>
  move(db, ctx, { kind: "adjust", ...i });

export type IdempotentOutcome = StoredResponse & { replayed: boolean };

type IdempotentContext = MovementContext & { userId: number; idempotencyKey: string };

/** Turns a refusal raised without a stored answer (404, 400) into the HTTP answer. */
async function answer(fn: () => Promise<SqlOutcome>): Promise<IdempotentOutcome> {
  try {
    return await withRetry(fn);
  } catch (error) {
    if (error instanceof MovementError) {
      return { status: error.status, body: { error: error.message, code: error.code, ...error.details }, replayed: false };
    }
    throw error;
  }
}

/**
 * A movement under an Idempotency-Key (API requests): the key is claimed, the
 * movement applied and its answer stored in one statement. A retry with the
 * same key and body returns the stored answer (201 or the refusal) and changes
 * nothing; the same key with another body is a 422.
 */
export async function moveIdempotently(db: Db, ctx: IdempotentContext, input: MovementInput, body: unknown = input): Promise<IdempotentOutcome> {
  return answer(() => applyInSql(db, ctx, [input], { batch: false, hash: requestHash(body) }));
}

/**
 * A batch of movements under one Idempotency-Key, all or nothing: every movement
 * applies, or none does and the answer names the first one refused (`index`, from
 * 0). The answer (201 `{results}` or the refusal) is stored with the key like a
 * single movement's.
 */
export async function moveBatchIdempotently(db: Db, ctx: IdempotentContext, inputs: MovementInput[], body: unknown = { movements: inputs }): Promise<IdempotentOutcome> {
  return answer(async () => {
    checkBatchSize(inputs);
    return applyInSql(db, ctx, inputs, { batch: true, hash: requestHash(body) });
  });
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

/** A batch: `{"movements": [...]}`, 1 to MAX_BATCH_MOVEMENTS movements, each as above. */
export const movementBatchSchema = z.strictObject({
  movements: z
    .array(movementRequestSchema, { error: "Must be a list of movements." })
    .min(1, "Give at least one movement.")
    .max(MAX_BATCH_MOVEMENTS, `At most ${MAX_BATCH_MOVEMENTS} movements per request.`),
});

/** Field errors of a failed parse, keyed by field ("" for the body as a whole). */
export function movementFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    // "quantity" for a single movement, "movements.3.quantity" for the 4th of a batch.
    const key = issue.path.map(String).join(".");
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
