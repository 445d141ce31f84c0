-- Access codes of reissued badges (attendee.changed → revoked_access_codes): they admit nobody any more, online
-- or offline. Only ever added to; changed_xid lets an incremental preload carry the new ones.
CREATE TABLE revoked_code (
    conference_id BIGINT NOT NULL,
    access_code   TEXT   NOT NULL,
    attendee_id   BIGINT NOT NULL,
    changed_xid   xid8   NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (conference_id, access_code)
);
