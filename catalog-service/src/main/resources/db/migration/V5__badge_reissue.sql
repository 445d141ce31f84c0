-- Badges reissued under a new access code (contracts/badges.md, "Reissuing"): the old codes stay here for good,
-- so attendee.changed can name every code the attendee no longer answers to, and no code is ever handed out twice.
CREATE TABLE reissued_access_code (
    access_code   TEXT        PRIMARY KEY,
    attendee_id   BIGINT      NOT NULL REFERENCES attendee (id),
    reissued_at   TIMESTAMPTZ NOT NULL,
    reason        TEXT,
    actor_subject TEXT        NOT NULL,
    actor_name    TEXT
);
CREATE INDEX reissued_access_code_attendee ON reissued_access_code (attendee_id);
