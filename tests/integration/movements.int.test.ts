import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { adjust, consume, MovementError, moveIdempotently, receive, transfer, type MovementContext } from "@/lib/ops/movements";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { seedStockWorld as seed, setStock, stock } from "../helpers/stock-fixture";

const ALL: PlantScope = { kind: "all" };

async function ledgerSum(db: Database, plantId: number, partId: number): Promise<{ sum: number; rows: number }> {
  const [row] = await db.query<{ s: string | null; n: string }>(
    `SELECT SUM(quantity_delta)::text AS s, COUNT(*)::text AS n FROM stock_movements WHERE plant_id = $1 AND part_id = $2`,
    [plantId, partId],
  );
  return { sum: Number(row?.s ?? 0), rows: Number(row?.n ?? 0) };
}

describe.each(availableEngines())("stock movements (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let userId: number;
  let ctx: MovementContext & { userId: number };

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    userId = await seed(db);
    ctx = { userId, scope: ALL };
  }, 60_000);
  afterAll(async () => close?.());

  beforeEach(async () => {
    await db.exec(`DELETE FROM stock_movements; DELETE FROM idempotency_keys; DELETE FROM inventory;`);
  });

  it("receive adds stock and writes one ledger row; a plant without a row for the part gets one", async () => {
    await setStock(db, 1, 1, 5);
    const r = await receive(db, ctx, { plantId: 1, partId: 1, quantity: 10 });
    expect(r.quantities).toEqual([{ plantId: 1, partId: 1, quantity: 15 }]);
    expect(r.movements).toMatchObject([{ plantId: 1, partId: 1, kind: "receive", quantityDelta: 10 }]);
    const fresh = await receive(db, ctx, { plantId: 2, partId: 3, quantity: 7 });
    expect(fresh.quantities[0]!.quantity).toBe(7);
    expect(await stock(db, 2, 3)).toBe(7);
    const [row] = await db.query<{ user_id: number; kind: string }>(`SELECT user_id, kind FROM stock_movements WHERE plant_id = 2`);
    expect(row).toMatchObject({ user_id: userId, kind: "receive" });
  });

  it("consume takes stock down to zero but never below", async () => {
    await setStock(db, 1, 1, 5);
    await consume(db, ctx, { plantId: 1, partId: 1, quantity: 5 });
    expect(await stock(db, 1, 1)).toBe(0);
    const refused = await consume(db, ctx, { plantId: 1, partId: 1, quantity: 1 }).catch((e) => e);
    expect(refused).toBeInstanceOf(MovementError);
    expect(refused.code).toBe("insufficient_stock");
    expect(refused.status).toBe(409);
    expect(await stock(db, 1, 1)).toBe(0);
    expect(await ledgerSum(db, 1, 1)).toEqual({ sum: -5, rows: 1 });
    // No inventory row at all: also not enough stock; an unknown part is a 404.
    expect((await consume(db, ctx, { plantId: 2, partId: 2, quantity: 1 }).catch((e) => e)).code).toBe("insufficient_stock");
    expect((await consume(db, ctx, { plantId: 1, partId: 999, quantity: 1 }).catch((e) => e)).code).toBe("not_found");
    expect((await receive(db, ctx, { plantId: 1, partId: 999, quantity: 1 }).catch((e) => e)).code).toBe("not_found");
  });

  it("transfer moves stock between plants atomically, both legs sharing a transfer id", async () => {
    await setStock(db, 2, 1, 30);
    const r = await transfer(db, ctx, { plantId: 2, toPlantId: 1, partId: 1, quantity: 12 });
    expect(r.quantities).toEqual([
      { plantId: 2, partId: 1, quantity: 18 },
      { plantId: 1, partId: 1, quantity: 12 },
    ]);
    const legs = await db.query<{ kind: string; quantity_delta: number; transfer_id: string }>(
      `SELECT kind, quantity_delta, transfer_id::text AS transfer_id FROM stock_movements ORDER BY id`,
    );
    expect(legs.map((l) => [l.kind, Number(l.quantity_delta)])).toEqual([
      ["transfer_out", -12],
      ["transfer_in", 12],
    ]);
    expect(legs[0]!.transfer_id).toBe(r.transferId);
    expect(legs[1]!.transfer_id).toBe(r.transferId);
    // Too much: nothing moves on either side.
    const refused = await transfer(db, ctx, { plantId: 2, toPlantId: 1, partId: 1, quantity: 19 }).catch((e) => e);
    expect(refused.code).toBe("insufficient_stock");
    expect([await stock(db, 2, 1), await stock(db, 1, 1)]).toEqual([18, 12]);
    expect((await transfer(db, ctx, { plantId: 2, toPlantId: 2, partId: 1, quantity: 1 }).catch((e) => e)).code).toBe("invalid");
  });

  it("adjust sets stock to a counted quantity with a reason", async () => {
    await setStock(db, 1, 2, 40);
    const down = await adjust(db, ctx, { plantId: 1, partId: 2, countedQuantity: 37, reason: "cycle count" });
    expect(down.movements).toMatchObject([{ kind: "adjust", quantityDelta: -3 }]);
    const up = await adjust(db, ctx, { plantId: 1, partId: 2, countedQuantity: 50, reason: "found a pallet" });
    expect(up.movements[0]!.quantityDelta).toBe(13);
    const same = await adjust(db, ctx, { plantId: 1, partId: 2, countedQuantity: 50, reason: "recount" });
    expect(same.movements).toEqual([]);
    expect(await stock(db, 1, 2)).toBe(50);
    const [reason] = await db.query<{ reason: string }>(`SELECT reason FROM stock_movements ORDER BY id LIMIT 1`);
    expect(reason!.reason).toBe("cycle count");
    expect((await adjust(db, ctx, { plantId: 1, partId: 2, countedQuantity: 1, reason: "  " }).catch((e) => e)).code).toBe("invalid");
    // Counting a part the plant has no row for creates it.
    await adjust(db, ctx, { plantId: 3, partId: 3, countedQuantity: 4, reason: "first count" });
    expect(await stock(db, 3, 3)).toBe(4);
    expect(await ledgerSum(db, 1, 2)).toEqual({ sum: 10, rows: 2 });
  });

  it("50 concurrent consumes of 1 on a stock of 20: exactly 20 succeed, no lost update", async () => {
    await setStock(db, 1, 1, 20);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => consume(db, ctx, { plantId: 1, partId: 1, quantity: 1 })));
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter((r) => r.status === "rejected" && (r.reason as MovementError).code === "insufficient_stock").length;
    expect(ok).toBe(20);
    expect(refused).toBe(30);
    expect(await stock(db, 1, 1)).toBe(0);
    expect(await ledgerSum(db, 1, 1)).toEqual({ sum: -20, rows: 20 });
  });

  it("a transfer racing consumes on the same source never overdraws it", async () => {
    await setStock(db, 1, 1, 10);
    await setStock(db, 2, 1, 0);
    const ops = [
      transfer(db, ctx, { plantId: 1, toPlantId: 2, partId: 1, quantity: 6 }),
      consume(db, ctx, { plantId: 1, partId: 1, quantity: 6 }),
      transfer(db, ctx, { plantId: 2, toPlantId: 1, partId: 1, quantity: 1 }).catch(() => null),
      consume(db, ctx, { plantId: 1, partId: 1, quantity: 3 }),
    ];
    const results = await Promise.allSettled(ops);
    const [transferResult, consumeResult] = results;
    // The source had 10: the two 6-unit takes cannot both succeed.
    expect([transferResult!.status, consumeResult!.status].filter((s) => s === "fulfilled").length).toBe(1);
    const s1 = (await stock(db, 1, 1))!;
    const s2 = (await stock(db, 2, 1))!;
    expect(s1).toBeGreaterThanOrEqual(0);
    expect(s2).toBeGreaterThanOrEqual(0);
    expect(s1 + s2).toBe(10 - (results[1]!.status === "fulfilled" ? 6 : 0) - (results[3]!.status === "fulfilled" ? 3 : 0));
    expect(10 + (await ledgerSum(db, 1, 1)).sum).toBe(s1);
    expect(0 + (await ledgerSum(db, 2, 1)).sum).toBe(s2);
  });

  it("transfers in opposite directions at the same time do not deadlock", async () => {
    await setStock(db, 1, 2, 100);
    await setStock(db, 2, 2, 100);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? transfer(db, ctx, { plantId: 1, toPlantId: 2, partId: 2, quantity: 1 }) : transfer(db, ctx, { plantId: 2, toPlantId: 1, partId: 2, quantity: 1 }),
      ),
    );
    expect([await stock(db, 1, 2), await stock(db, 2, 2)]).toEqual([100, 100]);
  });

  it("refuses plants outside the caller's scope, and nonsense quantities", async () => {
    await setStock(db, 1, 1, 10);
    const mine: MovementContext = { userId, scope: { kind: "plants", plantIds: [1] } };
    expect((await consume(db, mine, { plantId: 2, partId: 1, quantity: 1 }).catch((e) => e)).code).toBe("out_of_scope");
    expect((await transfer(db, mine, { plantId: 1, toPlantId: 2, partId: 1, quantity: 1 }).catch((e) => e)).status).toBe(403);
    expect((await receive(db, { userId, scope: { kind: "plants", plantIds: [] } }, { plantId: 1, partId: 1, quantity: 1 }).catch((e) => e)).code).toBe("out_of_scope");
    for (const quantity of [-5, 0, 1.5, Number.NaN, 2 ** 40]) {
      expect((await receive(db, ctx, { plantId: 1, partId: 1, quantity }).catch((e) => e)).code, String(quantity)).toBe("invalid");
      expect((await consume(db, ctx, { plantId: 1, partId: 1, quantity }).catch((e) => e)).code, String(quantity)).toBe("invalid");
    }
    expect(await stock(db, 1, 1)).toBe(10);
    expect((await ledgerSum(db, 1, 1)).rows).toBe(0);
    // The database refuses a negative stock even if asked directly.
    await expect(db.query(`UPDATE inventory SET quantity = -1 WHERE plant_id = 1 AND part_id = 1`)).rejects.toThrow();
    await expect(db.query(`INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta) VALUES (1, 1, 'receive', 0)`)).rejects.toThrow();
    await expect(db.query(`INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta) VALUES (1, 1, 'adjust', 3)`)).rejects.toThrow();
  });

  it("idempotency: the same key twice applies once and answers the same; another body is a 422", async () => {
    await setStock(db, 1, 1, 10);
    const ictx = { ...ctx, idempotencyKey: "key-1" };
    const body = { kind: "receive", plantId: 1, partId: 1, quantity: 4 } as const;
    const first = await moveIdempotently(db, ictx, body);
    const second = await moveIdempotently(db, ictx, { ...body });
    expect(first.status).toBe(201);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await stock(db, 1, 1)).toBe(14);
    expect(await ledgerSum(db, 1, 1)).toEqual({ sum: 4, rows: 1 });
    const other = await moveIdempotently(db, ictx, { ...body, quantity: 5 });
    expect(other.status).toBe(422);
    expect(await stock(db, 1, 1)).toBe(14);
    // Concurrent retries of one key: one application.
    const key2 = { ...ctx, idempotencyKey: "key-2" };
    const racing = await Promise.all(Array.from({ length: 8 }, () => moveIdempotently(db, key2, { kind: "consume", plantId: 1, partId: 1, quantity: 1 })));
    expect(racing.every((r) => r.status === 201)).toBe(true);
    expect(racing.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await stock(db, 1, 1)).toBe(13);
    // A refusal is an answer too: the retry gets the same 409, even after stock arrived.
    const key3 = { ...ctx, idempotencyKey: "key-3" };
    const no = await moveIdempotently(db, key3, { kind: "consume", plantId: 1, partId: 1, quantity: 100 });
    expect(no.status).toBe(409);
    await setStock(db, 1, 1, 500);
    expect(await moveIdempotently(db, key3, { kind: "consume", plantId: 1, partId: 1, quantity: 100 })).toEqual({ ...no, replayed: true });
    expect(await stock(db, 1, 1)).toBe(500);
    // Keys are per user.
    const [other2] = await db.query<{ id: number }>(`INSERT INTO users (email, name, password_hash, role) VALUES ('pm2@example.test', 'PM2', 'x', 'plant_manager') RETURNING id`);
    const theirs = await moveIdempotently(db, { userId: Number(other2!.id), scope: ALL, idempotencyKey: "key-1" }, body);
    expect(theirs).toMatchObject({ status: 201, replayed: false });
  });
});
