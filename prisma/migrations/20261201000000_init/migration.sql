-- Volta Analytics: the eight warehouse tables of DATA_CONTRACT.md, users and
-- their plant scope.

-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('executive', 'plant_manager', 'sales', 'admin');

-- CreateTable
CREATE TABLE "plants" (
    "plant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "annual_capacity" INTEGER NOT NULL,

    CONSTRAINT "plants_pkey" PRIMARY KEY ("plant_id"),
    CONSTRAINT "plants_annual_capacity_check" CHECK ("annual_capacity" > 0)
);

-- CreateTable
CREATE TABLE "suppliers" (
    "supplier_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "quality_rating" DECIMAL(3,2) NOT NULL,

    CONSTRAINT "suppliers_pkey" PRIMARY KEY ("supplier_id"),
    CONSTRAINT "suppliers_quality_rating_check" CHECK ("quality_rating" >= 0 AND "quality_rating" <= 5)
);

-- CreateTable
CREATE TABLE "parts" (
    "part_id" INTEGER NOT NULL,
    "part_number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "supplier_id" INTEGER NOT NULL,
    "cost" DECIMAL(12,2) NOT NULL,

    CONSTRAINT "parts_pkey" PRIMARY KEY ("part_id"),
    CONSTRAINT "parts_cost_check" CHECK ("cost" >= 0)
);

-- CreateTable
CREATE TABLE "inventory" (
    "plant_id" INTEGER NOT NULL,
    "part_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "reorder_point" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventory_pkey" PRIMARY KEY ("plant_id","part_id"),
    CONSTRAINT "inventory_quantity_check" CHECK ("quantity" >= 0),
    CONSTRAINT "inventory_reorder_point_check" CHECK ("reorder_point" >= 0)
);

-- CreateTable
CREATE TABLE "vehicles" (
    "vin" CHAR(17) NOT NULL,
    "model_name" TEXT NOT NULL,
    "trim" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "battery_kwh" DECIMAL(5,1) NOT NULL,
    "plant_id" INTEGER NOT NULL,
    "manufacture_date" DATE NOT NULL,
    "msrp" DECIMAL(12,2) NOT NULL,

    CONSTRAINT "vehicles_pkey" PRIMARY KEY ("vin"),
    CONSTRAINT "vehicles_vin_check" CHECK ("vin" ~ '^[A-HJ-NPR-Z0-9]{17}$'),
    CONSTRAINT "vehicles_msrp_check" CHECK ("msrp" > 0)
);

-- CreateTable
CREATE TABLE "customers" (
    "customer_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("customer_id"),
    CONSTRAINT "customers_segment_check" CHECK ("segment" IN ('retail', 'fleet'))
);

-- CreateTable
CREATE TABLE "salesorders" (
    "order_id" BIGINT NOT NULL,
    "vin" CHAR(17) NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "sale_date" DATE NOT NULL,
    "sale_price" DECIMAL(12,2) NOT NULL,
    "channel" TEXT NOT NULL,

    CONSTRAINT "salesorders_pkey" PRIMARY KEY ("order_id"),
    CONSTRAINT "salesorders_sale_price_check" CHECK ("sale_price" > 0),
    CONSTRAINT "salesorders_channel_check" CHECK ("channel" IN ('online', 'dealer', 'fleet'))
);

-- CreateTable
CREATE TABLE "servicerecords" (
    "service_id" BIGINT NOT NULL,
    "vin" CHAR(17) NOT NULL,
    "service_date" DATE NOT NULL,
    "service_type" TEXT NOT NULL,
    "odometer_km" INTEGER NOT NULL,
    "cost" DECIMAL(12,2) NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "servicerecords_pkey" PRIMARY KEY ("service_id"),
    CONSTRAINT "servicerecords_service_type_check" CHECK ("service_type" IN ('scheduled', 'repair', 'recall', 'warranty')),
    CONSTRAINT "servicerecords_odometer_km_check" CHECK ("odometer_km" >= 0),
    CONSTRAINT "servicerecords_cost_check" CHECK ("cost" >= 0)
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "user_role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_plants" (
    "user_id" INTEGER NOT NULL,
    "plant_id" INTEGER NOT NULL,

    CONSTRAINT "user_plants_pkey" PRIMARY KEY ("user_id","plant_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "plants_name_key" ON "plants"("name");

-- CreateIndex
CREATE UNIQUE INDEX "suppliers_name_key" ON "suppliers"("name");

-- CreateIndex
CREATE UNIQUE INDEX "parts_part_number_key" ON "parts"("part_number");

-- CreateIndex
CREATE INDEX "parts_supplier_id_idx" ON "parts"("supplier_id");

-- CreateIndex
CREATE INDEX "inventory_part_id_idx" ON "inventory"("part_id");

-- CreateIndex
CREATE INDEX "vehicles_plant_id_idx" ON "vehicles"("plant_id");

-- CreateIndex
CREATE INDEX "vehicles_model_name_idx" ON "vehicles"("model_name");

-- CreateIndex
CREATE UNIQUE INDEX "customers_email_key" ON "customers"("email");

-- CreateIndex
CREATE UNIQUE INDEX "salesorders_vin_key" ON "salesorders"("vin");

-- CreateIndex
CREATE INDEX "salesorders_customer_id_idx" ON "salesorders"("customer_id");

-- CreateIndex
CREATE INDEX "salesorders_sale_date_idx" ON "salesorders"("sale_date");

-- CreateIndex
CREATE INDEX "servicerecords_vin_idx" ON "servicerecords"("vin");

-- CreateIndex
CREATE INDEX "servicerecords_service_date_idx" ON "servicerecords"("service_date");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "user_plants_plant_id_idx" ON "user_plants"("plant_id");

-- AddForeignKey
ALTER TABLE "parts" ADD CONSTRAINT "parts_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("supplier_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory" ADD CONSTRAINT "inventory_plant_id_fkey" FOREIGN KEY ("plant_id") REFERENCES "plants"("plant_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory" ADD CONSTRAINT "inventory_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("part_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_plant_id_fkey" FOREIGN KEY ("plant_id") REFERENCES "plants"("plant_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "salesorders" ADD CONSTRAINT "salesorders_vin_fkey" FOREIGN KEY ("vin") REFERENCES "vehicles"("vin") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "salesorders" ADD CONSTRAINT "salesorders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("customer_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "servicerecords" ADD CONSTRAINT "servicerecords_vin_fkey" FOREIGN KEY ("vin") REFERENCES "vehicles"("vin") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_plants" ADD CONSTRAINT "user_plants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_plants" ADD CONSTRAINT "user_plants_plant_id_fkey" FOREIGN KEY ("plant_id") REFERENCES "plants"("plant_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The contract's cross-table rule: a vehicle is sold on or after the day it was
-- built. CHECK cannot see another table, so a constraint trigger enforces it.
CREATE FUNCTION "salesorders_sale_after_manufacture"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM "vehicles" v
        WHERE v."vin" = NEW."vin" AND NEW."sale_date" < v."manufacture_date"
    ) THEN
        RAISE EXCEPTION 'sale_date % is before the manufacture_date of vehicle %', NEW."sale_date", NEW."vin"
            USING ERRCODE = 'check_violation', CONSTRAINT = 'salesorders_sale_date_check';
    END IF;
    RETURN NEW;
END;
$$;

CREATE CONSTRAINT TRIGGER "salesorders_sale_date_check"
    AFTER INSERT OR UPDATE OF "sale_date", "vin" ON "salesorders"
    FOR EACH ROW EXECUTE FUNCTION "salesorders_sale_after_manufacture"();
