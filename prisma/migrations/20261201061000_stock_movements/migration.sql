-- Stock movements: an append-only ledger of every change to inventory, the
-- idempotency store of the movements API, and a sequence for sales order ids.

-- CreateTable
CREATE TABLE "stock_movements" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "plant_id" INTEGER NOT NULL,
    "part_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "quantity_delta" INTEGER NOT NULL,
    "reason" TEXT,
    "user_id" INTEGER,
    "transfer_id" UUID,
    "idempotency_key" TEXT,

    CONSTRAINT "stock_movements_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stock_movements_kind_check" CHECK ("kind" IN ('receive', 'consume', 'transfer_out', 'transfer_in', 'adjust')),
    CONSTRAINT "stock_movements_delta_check" CHECK (
        "quantity_delta" <> 0
        AND ("kind" NOT IN ('receive', 'transfer_in') OR "quantity_delta" > 0)
        AND ("kind" NOT IN ('consume', 'transfer_out') OR "quantity_delta" < 0)
    ),
    CONSTRAINT "stock_movements_reason_check" CHECK ("kind" <> 'adjust' OR ("reason" IS NOT NULL AND btrim("reason") <> '')),
    CONSTRAINT "stock_movements_transfer_check" CHECK (("kind" IN ('transfer_out', 'transfer_in')) = ("transfer_id" IS NOT NULL))
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "user_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id", "key"),
    CONSTRAINT "idempotency_keys_key_check" CHECK (length("key") BETWEEN 1 AND 200)
);

-- CreateIndex
CREATE INDEX "stock_movements_plant_id_part_id_id_idx" ON "stock_movements"("plant_id", "part_id", "id");

-- CreateIndex
CREATE INDEX "stock_movements_at_idx" ON "stock_movements"("at");

-- CreateIndex
CREATE INDEX "stock_movements_transfer_id_idx" ON "stock_movements"("transfer_id");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_plant_id_fkey" FOREIGN KEY ("plant_id") REFERENCES "plants"("plant_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("part_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Sales order ids. Orders recorded by the portal take the next value; the data
-- generator and CSV imports load explicit ids, so after such a load the
-- sequence must be moved past them:
--   SELECT setval('salesorders_order_id_seq', (SELECT COALESCE(MAX(order_id), 0) + 1 FROM salesorders), false);
-- (lib/ops/sales.ts also moves it forward if it ever hands out a taken id.)
CREATE SEQUENCE "salesorders_order_id_seq" AS BIGINT START WITH 1 OWNED BY "salesorders"."order_id";
SELECT setval('salesorders_order_id_seq', (SELECT COALESCE(MAX("order_id"), 0) + 1 FROM "salesorders"), false);
