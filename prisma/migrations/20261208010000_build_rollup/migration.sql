-- Build rollups for "units built": vehicles per day (and per month) of
-- manufacture_date × plant × model × trim. The units-built KPI reads them
-- instead of counting 2M vehicles. Kept exact by statement-level triggers with
-- transition tables on vehicles, in the writing transaction, like the sales
-- rollups (migration 20261201070000_rollups): they stand aside while a bulk
-- load owns the transaction (sales_rollup_bulk()), and sales_rollup_rebuild(),
-- which bulk loads call before they commit, now rebuilds them too.

-- CreateTable
CREATE TABLE "build_rollup_daily" (
    "manufacture_date" DATE NOT NULL,
    "plant_id" INTEGER NOT NULL,
    "model_name" TEXT NOT NULL,
    "trim" TEXT NOT NULL,
    "units" BIGINT NOT NULL,

    CONSTRAINT "build_rollup_daily_pkey" PRIMARY KEY ("manufacture_date", "plant_id", "model_name", "trim")
);

-- CreateTable
CREATE TABLE "build_rollup_monthly" (
    "month" DATE NOT NULL,
    "plant_id" INTEGER NOT NULL,
    "model_name" TEXT NOT NULL,
    "trim" TEXT NOT NULL,
    "units" BIGINT NOT NULL,

    CONSTRAINT "build_rollup_monthly_pkey" PRIMARY KEY ("month", "plant_id", "model_name", "trim"),
    CONSTRAINT "build_rollup_monthly_month_check" CHECK ("month" = date_trunc('month', "month")::date)
);

-- Inserted, updated and deleted vehicles: +1 under each new row's key, -1
-- under each old row's (an update counts both; unchanged keys cancel out, so
-- renamed VINs and changes of other columns move nothing). The delta is
-- grouped, written to both rollups in key order, and keys that fall to zero
-- units are deleted.
CREATE FUNCTION "build_rollup_on_vehicles"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    changes TEXT;
    zd DATE[];
    zm DATE[];
BEGIN
    IF sales_rollup_bulk() THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN
        changes := 'SELECT manufacture_date, plant_id, model_name, trim, 1 AS sign FROM build_new';
    ELSIF TG_OP = 'DELETE' THEN
        changes := 'SELECT manufacture_date, plant_id, model_name, trim, -1 AS sign FROM build_old';
    ELSE
        changes := 'SELECT manufacture_date, plant_id, model_name, trim, 1 AS sign FROM build_new
                    UNION ALL
                    SELECT manufacture_date, plant_id, model_name, trim, -1 AS sign FROM build_old';
    END IF;
    EXECUTE format($q$
        WITH delta AS (
            SELECT manufacture_date, plant_id, model_name, trim, sum(sign)::bigint AS units
            FROM (%s) c
            GROUP BY manufacture_date, plant_id, model_name, trim
            HAVING sum(sign) <> 0
        ), d AS (
            INSERT INTO build_rollup_daily AS r (manufacture_date, plant_id, model_name, trim, units)
            SELECT * FROM delta ORDER BY 1, 2, 3, 4
            ON CONFLICT (manufacture_date, plant_id, model_name, trim) DO UPDATE SET units = r.units + EXCLUDED.units
            RETURNING r.manufacture_date, r.units
        ), m AS (
            INSERT INTO build_rollup_monthly AS r (month, plant_id, model_name, trim, units)
            SELECT date_trunc('month', manufacture_date)::date, plant_id, model_name, trim, sum(units)
            FROM delta
            GROUP BY 1, 2, 3, 4
            HAVING sum(units) <> 0
            ORDER BY 1, 2, 3, 4
            ON CONFLICT (month, plant_id, model_name, trim) DO UPDATE SET units = r.units + EXCLUDED.units
            RETURNING r.month, r.units
        )
        SELECT (SELECT array_agg(DISTINCT manufacture_date) FROM d WHERE units = 0),
               (SELECT array_agg(DISTINCT month) FROM m WHERE units = 0)$q$, changes) INTO zd, zm;
    IF zd IS NOT NULL THEN
        DELETE FROM build_rollup_daily WHERE manufacture_date = ANY (zd) AND units = 0;
    END IF;
    IF zm IS NOT NULL THEN
        DELETE FROM build_rollup_monthly WHERE month = ANY (zm) AND units = 0;
    END IF;
    RETURN NULL;
END
$fn$;

-- TRUNCATE vehicles empties the build rollups with it.
CREATE FUNCTION "build_rollup_on_truncate"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF sales_rollup_bulk() THEN RETURN NULL; END IF;
    DELETE FROM build_rollup_daily;
    DELETE FROM build_rollup_monthly;
    RETURN NULL;
END
$fn$;

-- Recomputes the build rollups from vehicles (called by sales_rollup_rebuild()).
CREATE FUNCTION "build_rollup_rebuild"() RETURNS VOID
LANGUAGE plpgsql AS $fn$
BEGIN
    LOCK TABLE vehicles IN SHARE MODE;
    DELETE FROM build_rollup_daily;
    DELETE FROM build_rollup_monthly;
    INSERT INTO build_rollup_daily (manufacture_date, plant_id, model_name, trim, units)
    SELECT manufacture_date, plant_id, model_name, trim, count(*)
    FROM vehicles
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4;
    INSERT INTO build_rollup_monthly (month, plant_id, model_name, trim, units)
    SELECT date_trunc('month', manufacture_date)::date, plant_id, model_name, trim, sum(units)
    FROM build_rollup_daily
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4;
END
$fn$;

-- The rebuild that bulk loads and `npm run rollups:rebuild` call: the sales
-- rollups as before, then the build rollups.
CREATE OR REPLACE FUNCTION "sales_rollup_rebuild"() RETURNS VOID
LANGUAGE plpgsql AS $fn$
BEGIN
    LOCK TABLE salesorders, vehicles, customers IN SHARE MODE;
    DELETE FROM sales_rollup_daily;
    DELETE FROM sales_rollup_monthly;
    INSERT INTO sales_rollup_daily (sale_date, plant_id, model_name, trim, region, channel, orders, revenue, msrp_total)
    SELECT s.sale_date, v.plant_id, v.model_name, v.trim, c.region, s.channel, count(*), sum(s.sale_price), sum(v.msrp)
    FROM salesorders s JOIN vehicles v ON v.vin = s.vin JOIN customers c ON c.customer_id = s.customer_id
    GROUP BY 1, 2, 3, 4, 5, 6
    -- Written in key order: a date range reads adjacent pages.
    ORDER BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sales_rollup_monthly (month, plant_id, model_name, trim, region, channel, orders, revenue, msrp_total)
    SELECT date_trunc('month', sale_date)::date, plant_id, model_name, trim, region, channel, sum(orders), sum(revenue), sum(msrp_total)
    FROM sales_rollup_daily
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6;
    PERFORM build_rollup_rebuild();
END
$fn$;

CREATE TRIGGER "build_rollup_vehicles_insert" AFTER INSERT ON "vehicles"
    REFERENCING NEW TABLE AS build_new
    FOR EACH STATEMENT EXECUTE FUNCTION "build_rollup_on_vehicles"();
CREATE TRIGGER "build_rollup_vehicles_update" AFTER UPDATE ON "vehicles"
    REFERENCING OLD TABLE AS build_old NEW TABLE AS build_new
    FOR EACH STATEMENT EXECUTE FUNCTION "build_rollup_on_vehicles"();
CREATE TRIGGER "build_rollup_vehicles_delete" AFTER DELETE ON "vehicles"
    REFERENCING OLD TABLE AS build_old
    FOR EACH STATEMENT EXECUTE FUNCTION "build_rollup_on_vehicles"();
CREATE TRIGGER "build_rollup_vehicles_truncate" AFTER TRUNCATE ON "vehicles"
    FOR EACH STATEMENT EXECUTE FUNCTION "build_rollup_on_truncate"();

-- Whatever the table holds when this migration runs.
SELECT build_rollup_rebuild();
