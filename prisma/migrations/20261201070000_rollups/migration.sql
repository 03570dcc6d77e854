-- Sales rollups for the dashboards: order count, revenue and MSRP total per
-- day (and per month) × plant × model × trim × customer region × channel.
-- The KPI modules read them instead of joining 1.8M orders with 2M vehicles
-- and 1.4M customers. They are kept exact by triggers in the writing
-- transaction (statement-level, with transition tables: one set-based delta
-- per statement, however many rows it wrote). Bulk loads switch the triggers
-- off for their transaction (SET LOCAL volta.rollup_bulk = 'on') and rebuild
-- the rollups in one pass before they commit.

-- CreateTable
CREATE TABLE "sales_rollup_daily" (
    "sale_date" DATE NOT NULL,
    "plant_id" INTEGER NOT NULL,
    "model_name" TEXT NOT NULL,
    "trim" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "orders" BIGINT NOT NULL,
    "revenue" DECIMAL(20,2) NOT NULL,
    "msrp_total" DECIMAL(20,2) NOT NULL,

    CONSTRAINT "sales_rollup_daily_pkey" PRIMARY KEY ("sale_date", "plant_id", "model_name", "trim", "region", "channel")
);

-- CreateTable
CREATE TABLE "sales_rollup_monthly" (
    "month" DATE NOT NULL,
    "plant_id" INTEGER NOT NULL,
    "model_name" TEXT NOT NULL,
    "trim" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "orders" BIGINT NOT NULL,
    "revenue" DECIMAL(20,2) NOT NULL,
    "msrp_total" DECIMAL(20,2) NOT NULL,

    CONSTRAINT "sales_rollup_monthly_pkey" PRIMARY KEY ("month", "plant_id", "model_name", "trim", "region", "channel"),
    CONSTRAINT "sales_rollup_monthly_month_check" CHECK ("month" = date_trunc('month', "month")::date)
);

-- The statement that applies a set of signed changes to both rollups. `changes`
-- is a query yielding (sale_date, plant_id, model_name, trim, region, channel,
-- sign, sale_price, msrp); sign is +1 for a row that now counts, -1 for one
-- that no longer does. Keys are written in a fixed order so that concurrent
-- writers lock rollup rows in the same order. Returns the days and months
-- where a key fell to zero orders (deleted afterwards).
CREATE FUNCTION "sales_rollup_delta_sql"(changes TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
    WITH delta AS (
        SELECT sale_date, plant_id, model_name, trim, region, channel,
               sum(sign)::bigint AS orders, sum(sign * sale_price) AS revenue, sum(sign * msrp) AS msrp_total
        FROM (%s) c
        GROUP BY sale_date, plant_id, model_name, trim, region, channel
        HAVING sum(sign) <> 0 OR sum(sign * sale_price) <> 0 OR sum(sign * msrp) <> 0
    ), d AS (
        INSERT INTO sales_rollup_daily AS r (sale_date, plant_id, model_name, trim, region, channel, orders, revenue, msrp_total)
        SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (sale_date, plant_id, model_name, trim, region, channel) DO UPDATE
           SET orders = r.orders + EXCLUDED.orders, revenue = r.revenue + EXCLUDED.revenue, msrp_total = r.msrp_total + EXCLUDED.msrp_total
        RETURNING r.sale_date, r.orders
    ), m AS (
        INSERT INTO sales_rollup_monthly AS r (month, plant_id, model_name, trim, region, channel, orders, revenue, msrp_total)
        SELECT date_trunc('month', sale_date)::date, plant_id, model_name, trim, region, channel, sum(orders), sum(revenue), sum(msrp_total)
        FROM delta
        GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(orders) <> 0 OR sum(revenue) <> 0 OR sum(msrp_total) <> 0
        ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (month, plant_id, model_name, trim, region, channel) DO UPDATE
           SET orders = r.orders + EXCLUDED.orders, revenue = r.revenue + EXCLUDED.revenue, msrp_total = r.msrp_total + EXCLUDED.msrp_total
        RETURNING r.month, r.orders
    )
    SELECT (SELECT array_agg(DISTINCT sale_date) FROM d WHERE orders = 0),
           (SELECT array_agg(DISTINCT month) FROM m WHERE orders = 0)$q$, changes)
$fn$;

-- Runs the delta statement (from inside a trigger function, where the
-- transition tables are visible to EXECUTE) and removes emptied keys.
CREATE FUNCTION "sales_rollup_apply"(zero_days DATE[], zero_months DATE[]) RETURNS VOID
LANGUAGE plpgsql AS $fn$
BEGIN
    IF zero_days IS NOT NULL THEN
        DELETE FROM sales_rollup_daily WHERE sale_date = ANY (zero_days) AND orders = 0;
    END IF;
    IF zero_months IS NOT NULL THEN
        DELETE FROM sales_rollup_monthly WHERE month = ANY (zero_months) AND orders = 0;
    END IF;
END
$fn$;

-- True while a bulk load owns the transaction: the triggers stand aside and
-- the load rebuilds the rollups before it commits.
CREATE FUNCTION "sales_rollup_bulk"() RETURNS BOOLEAN
LANGUAGE sql STABLE AS $fn$
SELECT coalesce(current_setting('volta.rollup_bulk', true), '') = 'on'
$fn$;

-- salesorders: inserted, updated and deleted orders. An order whose vehicle or
-- customer was renamed by a cascading key update (old key gone) is counted
-- under the renamed row on both sides, i.e. not moved.
CREATE FUNCTION "sales_rollup_on_orders"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    changes TEXT;
    zd DATE[];
    zm DATE[];
BEGIN
    IF sales_rollup_bulk() THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN
        changes := $c$
            SELECT n.sale_date, v.plant_id, v.model_name, v.trim, c.region, n.channel, 1 AS sign, n.sale_price, v.msrp
            FROM rollup_new n JOIN vehicles v ON v.vin = n.vin JOIN customers c ON c.customer_id = n.customer_id$c$;
    ELSIF TG_OP = 'DELETE' THEN
        changes := $c$
            SELECT o.sale_date, v.plant_id, v.model_name, v.trim, c.region, o.channel, -1 AS sign, o.sale_price, v.msrp
            FROM rollup_old o JOIN vehicles v ON v.vin = o.vin JOIN customers c ON c.customer_id = o.customer_id$c$;
    ELSE
        changes := $c$
            SELECT n.sale_date, v.plant_id, v.model_name, v.trim, c.region, n.channel, 1 AS sign, n.sale_price, v.msrp
            FROM rollup_new n JOIN vehicles v ON v.vin = n.vin JOIN customers c ON c.customer_id = n.customer_id
            UNION ALL
            SELECT o.sale_date, coalesce(vo.plant_id, vn.plant_id), coalesce(vo.model_name, vn.model_name), coalesce(vo.trim, vn.trim),
                   coalesce(co.region, cn.region), o.channel, -1 AS sign, o.sale_price, coalesce(vo.msrp, vn.msrp)
            FROM rollup_old o
            LEFT JOIN rollup_new n ON n.order_id = o.order_id
            LEFT JOIN vehicles vo ON vo.vin = o.vin LEFT JOIN vehicles vn ON vn.vin = n.vin
            LEFT JOIN customers co ON co.customer_id = o.customer_id LEFT JOIN customers cn ON cn.customer_id = n.customer_id$c$;
    END IF;
    EXECUTE sales_rollup_delta_sql(changes) INTO zd, zm;
    PERFORM sales_rollup_apply(zd, zm);
    RETURN NULL;
END
$fn$;

-- vehicles: a sold vehicle moved to another plant, model, trim or MSRP.
CREATE FUNCTION "sales_rollup_on_vehicles"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    zd DATE[];
    zm DATE[];
BEGIN
    IF sales_rollup_bulk() THEN RETURN NULL; END IF;
    IF NOT EXISTS (
        SELECT 1 FROM rollup_old o JOIN rollup_new n ON n.vin = o.vin
        WHERE (o.plant_id, o.model_name, o.trim, o.msrp) IS DISTINCT FROM (n.plant_id, n.model_name, n.trim, n.msrp)
    ) THEN
        RETURN NULL;
    END IF;
    EXECUTE sales_rollup_delta_sql($c$
        SELECT s.sale_date, x.plant_id, x.model_name, x.trim, c.region, s.channel, x.sign, s.sale_price, x.msrp
        FROM (
            SELECT o.vin, o.plant_id, o.model_name, o.trim, o.msrp, -1 AS sign
            FROM rollup_old o JOIN rollup_new n ON n.vin = o.vin
            WHERE (o.plant_id, o.model_name, o.trim, o.msrp) IS DISTINCT FROM (n.plant_id, n.model_name, n.trim, n.msrp)
            UNION ALL
            SELECT n.vin, n.plant_id, n.model_name, n.trim, n.msrp, 1 AS sign
            FROM rollup_old o JOIN rollup_new n ON n.vin = o.vin
            WHERE (o.plant_id, o.model_name, o.trim, o.msrp) IS DISTINCT FROM (n.plant_id, n.model_name, n.trim, n.msrp)
        ) x
        JOIN salesorders s ON s.vin = x.vin
        JOIN customers c ON c.customer_id = s.customer_id$c$) INTO zd, zm;
    PERFORM sales_rollup_apply(zd, zm);
    RETURN NULL;
END
$fn$;

-- customers: a customer who bought moved to another region.
CREATE FUNCTION "sales_rollup_on_customers"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    zd DATE[];
    zm DATE[];
BEGIN
    IF sales_rollup_bulk() THEN RETURN NULL; END IF;
    IF NOT EXISTS (
        SELECT 1 FROM rollup_old o JOIN rollup_new n ON n.customer_id = o.customer_id WHERE o.region IS DISTINCT FROM n.region
    ) THEN
        RETURN NULL;
    END IF;
    EXECUTE sales_rollup_delta_sql($c$
        SELECT s.sale_date, v.plant_id, v.model_name, v.trim, x.region, s.channel, x.sign, s.sale_price, v.msrp
        FROM (
            SELECT o.customer_id, o.region, -1 AS sign
            FROM rollup_old o JOIN rollup_new n ON n.customer_id = o.customer_id WHERE o.region IS DISTINCT FROM n.region
            UNION ALL
            SELECT n.customer_id, n.region, 1 AS sign
            FROM rollup_old o JOIN rollup_new n ON n.customer_id = o.customer_id WHERE o.region IS DISTINCT FROM n.region
        ) x
        JOIN salesorders s ON s.customer_id = x.customer_id
        JOIN vehicles v ON v.vin = s.vin$c$) INTO zd, zm;
    PERFORM sales_rollup_apply(zd, zm);
    RETURN NULL;
END
$fn$;

-- TRUNCATE salesorders empties the rollups with it.
CREATE FUNCTION "sales_rollup_on_truncate"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF sales_rollup_bulk() THEN RETURN NULL; END IF;
    DELETE FROM sales_rollup_daily;
    DELETE FROM sales_rollup_monthly;
    RETURN NULL;
END
$fn$;

-- Recomputes both rollups from the raw tables (recovery: npm run rollups:rebuild;
-- bulk loads). Writers of orders, vehicles and customers wait meanwhile;
-- readers go on and see the old rollups until the commit.
CREATE FUNCTION "sales_rollup_rebuild"() RETURNS VOID
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
END
$fn$;

CREATE TRIGGER "sales_rollup_orders_insert" AFTER INSERT ON "salesorders"
    REFERENCING NEW TABLE AS rollup_new
    FOR EACH STATEMENT EXECUTE FUNCTION "sales_rollup_on_orders"();
CREATE TRIGGER "sales_rollup_orders_update" AFTER UPDATE ON "salesorders"
    REFERENCING OLD TABLE AS rollup_old NEW TABLE AS rollup_new
    FOR EACH STATEMENT EXECUTE FUNCTION "sales_rollup_on_orders"();
CREATE TRIGGER "sales_rollup_orders_delete" AFTER DELETE ON "salesorders"
    REFERENCING OLD TABLE AS rollup_old
    FOR EACH STATEMENT EXECUTE FUNCTION "sales_rollup_on_orders"();
CREATE TRIGGER "sales_rollup_orders_truncate" AFTER TRUNCATE ON "salesorders"
    FOR EACH STATEMENT EXECUTE FUNCTION "sales_rollup_on_truncate"();
CREATE TRIGGER "sales_rollup_vehicles_update" AFTER UPDATE ON "vehicles"
    REFERENCING OLD TABLE AS rollup_old NEW TABLE AS rollup_new
    FOR EACH STATEMENT EXECUTE FUNCTION "sales_rollup_on_vehicles"();
CREATE TRIGGER "sales_rollup_customers_update" AFTER UPDATE ON "customers"
    REFERENCING OLD TABLE AS rollup_old NEW TABLE AS rollup_new
    FOR EACH STATEMENT EXECUTE FUNCTION "sales_rollup_on_customers"();

-- Whatever the tables hold when this migration runs.
SELECT sales_rollup_rebuild();
