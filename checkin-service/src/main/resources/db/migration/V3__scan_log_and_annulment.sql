-- Every scan the desk makes, admitted or refused, and the undo of a mistaken check-in.

-- One row per scan at the desk (entry, exit, hand-out of a product, admission to a tutorial or meal; online or
-- uploaded from a device's queue), whatever its outcome. A refusal changes nothing else, so this is the only
-- trace of someone trying codes or of an unpaid badge at the door.
-- reason: null when accepted; unknown_code, not_paid, fully_redeemed, product, invalid, … when refused.
CREATE TABLE scan_log (
    id            BIGSERIAL PRIMARY KEY,
    conference_id BIGINT      NOT NULL,
    scan_type     TEXT        NOT NULL CHECK (scan_type IN ('entry', 'exit', 'redeem', 'door_check')),
    access_code   TEXT,
    attendee_id   BIGINT,
    result        TEXT        NOT NULL CHECK (result IN ('accepted', 'refused')),
    reason        TEXT,
    message       TEXT,
    station       TEXT,
    actor_subject TEXT        NOT NULL,
    actor_name    TEXT        NOT NULL,
    nonce         TEXT,
    client_time   TIMESTAMPTZ,
    server_time   TIMESTAMPTZ NOT NULL,
    checkin_id    BIGINT,
    line_item_id  BIGINT,
    product       TEXT
);
-- The history is read newest first per conference, filtered by result, reason or station.
CREATE INDEX scan_log_conference_time ON scan_log (conference_id, server_time DESC, id DESC);
CREATE INDEX scan_log_refused ON scan_log (conference_id, reason) WHERE result = 'refused';

-- An annulled movement stays (who did it and who undid it, and why, are kept) but no longer counts.
ALTER TABLE check_in ADD COLUMN annulled_at TIMESTAMPTZ;
ALTER TABLE check_in ADD COLUMN annulled_by_subject TEXT;
ALTER TABLE check_in ADD COLUMN annulled_by_name TEXT;
ALTER TABLE check_in ADD COLUMN annul_reason TEXT;
