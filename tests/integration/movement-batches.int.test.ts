import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { MAX_BATCH_MOVEMENTS, MovementError, moveAll, moveBatchIdempotently, type MovementInput } from "@/lib/ops/movements";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { seedStockWorld as seed, setStock, stock } from "../helpers/stock-fixture";

const ALL: PlantScope = { kind: "all" };

async function ledgerRows(db: Database): Promise<number> {
  const [row] = await db.query<{ n: string }>(`SELECT COUNT(*)::text AS n FROM stock_movements`);
  return Number(row!.n);
}

describe.each(availableEngines())("batches of stock movements (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let userId: number;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    userId = await seed(db);
  }, 180_000);
  afterAll(async () => close?.());

  beforeEach(async () => {
    await db.exec(`DELETE FROM stock_movements; DELETE FROM idempotency_keys; DELETE FROM inventory;`);
  });

  it("applies every movement of a batch in order, one result each; a retry with the same key applies nothing again", async () => {
    await setStock(db, 1, 1, 10);
    const batch: MovementInput[] = [
      { kind: "receive", plantId: 1, partId: 1, quantity: 5 },
      { kind: "consume", plantId: 1, partId: 1, quantity: 12 }, // possible only after the receive before it
      { kind: "transfer", plantId: 1, toPlantId: 2, partId: 1, quantity: 3 },
      { kind: "adjust", plantId: 3, partId: 2, countedQuantity: 4, reason: "first count" },
    ];
    const ctx = { userId, scope: ALL, idempotencyKey: "batch-1" };
    const first = await moveBatchIdempotently(db, ctx, batch);
    expect(first.status).toBe(201);
    expect(first.replayed).toBe(false);
    const results = (first.body as { results: Array<{ kind: string; quantities: Array<{ quantity: number }> }> }).results;
    expect(results.map((r) => r.kind)).toEqual(["receive", "consume", "transfer", "adjust"]);
    expect(results[1]!.quantities[0]!.quantity).toBe(3);
    expect([await stock(db, 1, 1), await stock(db, 2, 1), await stock(db, 3, 2)]).toEqual([0, 3, 4]);
    expect(await ledgerRows(db)).toBe(5);

    const again = await moveBatchIdempotently(db, ctx, batch.map((m) => ({ ...m })));
    expect(again).toEqual({ ...first, replayed: true });
    // Concurrent retries of the same batch: still applied once.
    const racing = await Promise.all(Array.from({ length: 6 }, () => moveBatchIdempotently(db, ctx, batch)));
    expect(racing.every((r) => r.status === 201 && r.replayed)).toBe(true);
    expect([await stock(db, 1, 1), await stock(db, 2, 1), await stock(db, 3, 2)]).toEqual([0, 3, 4]);
    expect(await ledgerRows(db)).toBe(5);
    const [key] = await db.query<{ n: string }>(`SELECT COUNT(DISTINCT idempotency_key)::text AS n FROM stock_movements WHERE idempotency_key = 'batch-1'`);
    expect(Number(key!.n)).toBe(1);
    // The same key with another batch is refused.
    expect((await moveBatchIdempotently(db, ctx, batch.slice(0, 2))).status).toBe(422);
  });

  it("a movement that would take stock below zero rolls the whole batch back, and the refusal is the stored answer", async () => {
    await setStock(db, 1, 1, 10);
    await setStock(db, 2, 1, 1);
    const batch: MovementInput[] = [
      { kind: "receive", plantId: 1, partId: 1, quantity: 5 },
      { kind: "transfer", plantId: 1, toPlantId: 2, partId: 1, quantity: 2 },
      { kind: "consume", plantId: 2, partId: 1, quantity: 4 }, // 1 + 2 = 3 on hand
    ];
    const ctx = { userId, scope: ALL, idempotencyKey: "batch-409" };
    const refused = await moveBatchIdempotently(db, ctx, batch);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: "insufficient_stock", index: 2, plantId: 2, partId: 1, onHand: 3, requested: 4 });
    expect((refused.body as { error: string }).error).toMatch(/^Movement 3: Not enough stock/);
    expect([await stock(db, 1, 1), await stock(db, 2, 1)]).toEqual([10, 1]);
    expect(await ledgerRows(db)).toBe(0);
    // Stock arrives; the retry still gets the first answer and changes nothing.
    await setStock(db, 2, 1, 100);
    expect(await moveBatchIdempotently(db, ctx, batch)).toEqual({ ...refused, replayed: true });
    expect(await ledgerRows(db)).toBe(0);
    // Without a key the refusal is thrown, nothing applied either.
    await setStock(db, 2, 1, 1);
    const thrown = await moveAll(db, { userId, scope: ALL }, batch).catch((e) => e);
    expect(thrown).toBeInstanceOf(MovementError);
    expect(thrown.code).toBe("insufficient_stock");
    expect(thrown.details.index).toBe(2);
    expect(await ledgerRows(db)).toBe(0);
    // An unknown part is a 404 and not stored: the key stays free.
    const missing = await moveBatchIdempotently(db, { ...ctx, idempotencyKey: "batch-404" }, [
      { kind: "receive", plantId: 1, partId: 1, quantity: 1 },
      { kind: "consume", plantId: 1, partId: 999, quantity: 1 },
    ]);
    expect(missing.status).toBe(404);
    expect(await stock(db, 1, 1)).toBe(10);
    const [keys] = await db.query<{ n: string }>(`SELECT COUNT(*)::text AS n FROM idempotency_keys WHERE key = 'batch-404'`);
    expect(Number(keys!.n)).toBe(0);
  });

  it("a batch with one plant outside the caller's scope is refused entirely, in TypeScript and in SQL", async () => {
    await setStock(db, 1, 1, 10);
    const mine: PlantScope = { kind: "plants", plantIds: [1, 3] };
    const batch: MovementInput[] = [
      { kind: "receive", plantId: 1, partId: 1, quantity: 5 },
      { kind: "transfer", plantId: 1, toPlantId: 2, partId: 1, quantity: 1 },
    ];
    const refused = await moveBatchIdempotently(db, { userId, scope: mine, idempotencyKey: "batch-403" }, batch);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "out_of_scope", index: 1, plantIds: [2] });
    expect(await stock(db, 1, 1)).toBe(10);
    expect(await ledgerRows(db)).toBe(0);
    // The database function checks the scope itself as well (a caller that skipped the check).
    const [row] = await db.query<{ r: unknown }>(`SELECT volta_apply_movements($1, $2::int[], $3, $4, $5::jsonb, true) AS r`, [
      userId,
      [1, 3],
      "batch-403-sql",
      "h",
      JSON.stringify(batch),
    ]);
    const r = (typeof row!.r === "string" ? JSON.parse(row!.r) : row!.r) as { status: number; body: Record<string, unknown> };
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: "out_of_scope", index: 1, plantIds: [2] });
    expect(await stock(db, 1, 1)).toBe(10);
    expect(await ledgerRows(db)).toBe(0);
  });

  it("refuses empty and oversized batches and names the bad movement", async () => {
    const ctx = { userId, scope: ALL, idempotencyKey: "batch-size" };
    expect((await moveBatchIdempotently(db, ctx, [])).status).toBe(400);
    const tooMany = Array.from({ length: MAX_BATCH_MOVEMENTS + 1 }, () => ({ kind: "receive" as const, plantId: 1, partId: 1, quantity: 1 }));
    expect((await moveBatchIdempotently(db, ctx, tooMany)).status).toBe(400);
    const bad = await moveBatchIdempotently(db, ctx, [
      { kind: "receive", plantId: 1, partId: 1, quantity: 1 },
      { kind: "consume", plantId: 1, partId: 1, quantity: 0 },
    ]);
    expect(bad.status).toBe(400);
    expect((bad.body as { error: string }).error).toMatch(/^Movement 2: /);
    expect(await ledgerRows(db)).toBe(0);
  });

  it("concurrent batches touching the same rows in opposite orders neither deadlock nor lose updates", async () => {
    for (const plant of [1, 2, 3]) for (const part of [1, 2, 3]) await setStock(db, plant, part, 1000);
    const keys = [1, 2, 3].flatMap((plantId) => [1, 2, 3].map((partId) => ({ plantId, partId })));
    const batches = Array.from({ length: 16 }, (_, i) => {
      const order = i % 2 ? keys : [...keys].reverse();
      return order.map((k, j): MovementInput =>
        j % 3 === 0 ? { kind: "transfer", ...k, toPlantId: (k.plantId % 3) + 1, quantity: 2 } : j % 3 === 1 ? { kind: "consume", ...k, quantity: 1 } : { kind: "receive", ...k, quantity: 1 },
      );
    });
    const outcomes = await Promise.all(batches.map((b, i) => moveBatchIdempotently(db, { userId, scope: ALL, idempotencyKey: `race-${i}` }, b)));
    expect(outcomes.map((o) => o.status)).toEqual(batches.map(() => 201));
    const [total] = await db.query<{ s: string }>(`SELECT SUM(quantity)::text AS s FROM inventory`);
    // Per batch: three transfers (net 0), three consumes of 1, three receives of 1.
    expect(Number(total!.s)).toBe(9 * 1000);
    const [books] = await db.query<{ bad: string }>(
      `SELECT COUNT(*)::text AS bad FROM inventory i
       WHERE i.quantity <> 1000 + COALESCE((SELECT SUM(quantity_delta) FROM stock_movements m WHERE m.plant_id = i.plant_id AND m.part_id = i.part_id), 0)`,
    );
    expect(Number(books!.bad)).toBe(0);
  });
});
