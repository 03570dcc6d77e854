-- Data-change notifications for the dashboards' result cache
-- (lib/cache/results.ts): every statement that writes a warehouse table
-- notifies channel volta_data_changed with the table's name. PostgreSQL sends
-- the notification when the transaction commits (not at all if it rolls back)
-- and sends one per distinct payload per transaction, so a bulk load or an
-- import costs one notification per table, and no row is locked for it.

CREATE FUNCTION "volta_notify_data_changed"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_notify('volta_data_changed', TG_TABLE_NAME);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER "plants_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "plants"
    FOR EACH STATEMENT EXECUTE FUNCTION "volta_notify_data_changed"();
CREATE TRIGGER "suppliers_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "suppliers"
    FOR EACH STATEMENT EXECUTE FUNCTION "volta_notify_data_changed"();
CREATE TRIGGER "parts_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "parts"
    FOR EACH STATEMENT EXECUTE FUNCTION "volta_notify_data_changed"();
CREATE TRIGGER "inventory_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "inventory"
    FOR EACH STATEMENT EXECUTE FUNCTION "volta_notify_data_changed"();
CREATE TRIGGER "vehicles_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "vehicles"
    FOR EACH STATEMENT EXECUTE FUNCTION "volta_notify_data_changed"();
CREATE TRIGGER "customers_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "customers"
    FOR EACH STATEMENT EXECUTE FUNCTION "volta_notify_data_changed"();
CREATE TRIGGER "salesorders_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "salesorders"
    FOR EACH STATEMENT EXECUTE FUNCTION "volta_notify_data_changed"();
CREATE TRIGGER "servicerecords_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "servicerecords"
    FOR EACH STATEMENT EXECUTE FUNCTION "volta_notify_data_changed"();
