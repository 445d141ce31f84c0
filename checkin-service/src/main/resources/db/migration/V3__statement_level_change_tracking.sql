-- The projection applies orders and line items a batch at a time (one statement for a thousand rows). Row-level
-- triggers would still touch the attendees once per row; these fire once per statement and touch each affected
-- attendee once, from the statement's transition table.
DROP TRIGGER order_touches_attendees ON customer_order;
DROP TRIGGER line_touches_attendees ON line_item;
DROP FUNCTION order_touches_attendees();
DROP FUNCTION line_touches_attendees();

CREATE FUNCTION orders_touch_attendees() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE attendee SET changed_xid = pg_current_xact_id()
    WHERE order_id IN (SELECT id FROM changed_orders) AND changed_xid <> pg_current_xact_id();
    RETURN NULL;
END $$;
CREATE TRIGGER orders_inserted_touch_attendees AFTER INSERT ON customer_order
    REFERENCING NEW TABLE AS changed_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_touch_attendees();
CREATE TRIGGER orders_updated_touch_attendees AFTER UPDATE ON customer_order
    REFERENCING NEW TABLE AS changed_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_touch_attendees();

CREATE FUNCTION lines_touch_attendees() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE attendee SET changed_xid = pg_current_xact_id()
    WHERE order_id IN (SELECT order_id FROM changed_lines) AND changed_xid <> pg_current_xact_id();
    RETURN NULL;
END $$;
CREATE TRIGGER lines_inserted_touch_attendees AFTER INSERT ON line_item
    REFERENCING NEW TABLE AS changed_lines FOR EACH STATEMENT EXECUTE FUNCTION lines_touch_attendees();
CREATE TRIGGER lines_updated_touch_attendees AFTER UPDATE ON line_item
    REFERENCING NEW TABLE AS changed_lines FOR EACH STATEMENT EXECUTE FUNCTION lines_touch_attendees();
CREATE TRIGGER lines_deleted_touch_attendees AFTER DELETE ON line_item
    REFERENCING OLD TABLE AS changed_lines FOR EACH STATEMENT EXECUTE FUNCTION lines_touch_attendees();
