-- Offline scanners, entry/exit, door checks, and change tracking for the incremental preload.

-- Movements: an exit is a check_in row with direction 'exit'. recorded_at is when the server learned of it
-- (later than checked_in_at for scans queued offline); nonce makes an offline upload idempotent.
ALTER TABLE check_in ADD COLUMN direction TEXT NOT NULL DEFAULT 'entry' CHECK (direction IN ('entry', 'exit'));
ALTER TABLE check_in ADD COLUMN recorded_at TIMESTAMPTZ;
UPDATE check_in SET recorded_at = checked_in_at;
ALTER TABLE check_in ALTER COLUMN recorded_at SET NOT NULL;
CREATE INDEX check_in_attendee_latest ON check_in (attendee_id, checked_in_at DESC, id DESC);

ALTER TABLE conference ADD COLUMN time_zone TEXT;

-- One row per offline item ever received: a replay of the nonce is answered from here and changes nothing.
CREATE TABLE sync_item (
    conference_id BIGINT      NOT NULL,
    nonce         TEXT        NOT NULL,
    item_type     TEXT        NOT NULL,
    result        TEXT        NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conference_id, nonce)
);

CREATE TABLE door_check (
    id            BIGSERIAL PRIMARY KEY,
    attendee_id   BIGINT      NOT NULL REFERENCES attendee (id),
    conference_id BIGINT      NOT NULL,
    product_slug  TEXT        NOT NULL,
    station       TEXT,
    admitted      BOOLEAN     NOT NULL,
    checked_at    TIMESTAMPTZ NOT NULL,
    actor_subject TEXT        NOT NULL,
    actor_name    TEXT        NOT NULL
);
CREATE INDEX door_check_conference ON door_check (conference_id, product_slug);

-- Incremental preload: every attendee row carries the id of the last transaction that changed anything a
-- scanner shows about them (their data, their order's status or lines, their check-in, a redemption).
-- A cursor is the xmin of the snapshot a preload was read from: every transaction at or after it may have
-- been invisible then, so "since" returns rows changed by those; rows before it were all seen.
ALTER TABLE attendee ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE FUNCTION attendee_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_xid := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER attendee_touch BEFORE INSERT OR UPDATE ON attendee
    FOR EACH ROW EXECUTE FUNCTION attendee_touch();

CREATE FUNCTION order_touches_attendees() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE attendee SET changed_xid = pg_current_xact_id() WHERE order_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER order_touches_attendees AFTER INSERT OR UPDATE ON customer_order
    FOR EACH ROW EXECUTE FUNCTION order_touches_attendees();

CREATE FUNCTION line_touches_attendees() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE attendee SET changed_xid = pg_current_xact_id()
    WHERE order_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.order_id ELSE NEW.order_id END;
    RETURN NULL;
END $$;
CREATE TRIGGER line_touches_attendees AFTER INSERT OR UPDATE OR DELETE ON line_item
    FOR EACH ROW EXECUTE FUNCTION line_touches_attendees();
CREATE INDEX attendee_changed ON attendee (conference_id, changed_xid);
