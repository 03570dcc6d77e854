import { createHash } from "node:crypto";
import type { SqlRunner } from "../db/open";

/**
 * The idempotency store of state-changing API requests. A request carrying an
 * `Idempotency-Key` claims the key (per user) in the same transaction as its
 * change and stores its answer there; a retry with the same key and the same
 * body gets that answer back, and the same key with another body is refused.
 */

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export type StoredResponse = { status: number; body: unknown };

export type Claim =
  | { kind: "claimed" }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "mismatch" }
  /** Claimed by a request whose transaction has not stored an answer (cannot happen once committed). */
  | { kind: "in_progress" };

/** A stable hash of a request body: keys sorted, so that key order does not matter. */
export function requestHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * Claims `key` for `userId` inside the caller's transaction. A concurrent claim
 * of the same key waits on the primary key until the first transaction ends, so
 * two racing retries never both apply.
 */
export async function claimKey(tx: SqlRunner, userId: number, key: string, hash: string): Promise<Claim> {
  const inserted = await tx.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, hash],
  );
  if (inserted.length === 1) return { kind: "claimed" };
  const [row] = await tx.query<{ request_hash: string; status: number | null; response: unknown }>(
    `SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
    [userId, key],
  );
  if (!row) return { kind: "in_progress" };
  if (row.request_hash !== hash) return { kind: "mismatch" };
  if (row.status === null) return { kind: "in_progress" };
  const body = typeof row.response === "string" ? JSON.parse(row.response) : row.response;
  return { kind: "replay", response: { status: row.status, body } };
}

/** Stores the answer of a claimed key, in the same transaction as the change. */
export async function storeResponse(tx: SqlRunner, userId: number, key: string, response: StoredResponse): Promise<StoredResponse> {
  // The stored form is returned, so that the first answer and its replays are byte for byte the same.
  const [row] = await tx.query<{ response: unknown }>(
    `UPDATE idempotency_keys SET status = $3, response = $4::jsonb WHERE user_id = $1 AND key = $2 RETURNING response`,
    [
    userId,
    key,
    response.status,
    JSON.stringify(response.body),
  ],
  );
  if (!row) return response;
  return { status: response.status, body: typeof row.response === "string" ? JSON.parse(row.response) : row.response };
}
