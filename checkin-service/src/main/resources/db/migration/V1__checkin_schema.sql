-- Projection of the catalog's conferences, orders, line items and attendees (filled from events),
-- plus what check-in owns: check-ins and product redemptions. Plus the outbox and the inbox (dedupe).

CREATE TABLE conference (
    id          BIGINT PRIMARY KEY,
    slug        TEXT   NOT NULL UNIQUE,
    name        TEXT   NOT NULL,
    version     BIGINT NOT NULL
);

CREATE TABLE customer_order (
    id            BIGINT PRIMARY KEY,
    conference_id BIGINT NOT NULL,
    status        TEXT   NOT NULL,
    version       BIGINT NOT NULL
);

CREATE TABLE line_item (
    id               BIGINT PRIMARY KEY,
    order_id         BIGINT  NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    ticket_type_slug TEXT,
    addon_slug       TEXT,
    description      TEXT    NOT NULL,
    quantity         INTEGER NOT NULL CHECK (quantity >= 0),
    -- owned by check-in, never touched by the projection: how many of quantity were handed out
    redeemed_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX line_item_order ON line_item (order_id);

CREATE TABLE attendee (
    id                    BIGINT PRIMARY KEY,
    conference_id         BIGINT NOT NULL,
    order_id              BIGINT,
    access_code           TEXT   NOT NULL,
    name                  TEXT   NOT NULL,
    email                 TEXT,
    version               BIGINT NOT NULL,
    -- owned by check-in: the first check-in's time, kept on re-entry
    first_checked_in_at   TIMESTAMPTZ,
    CONSTRAINT attendee_code_per_conference UNIQUE (conference_id, access_code)
);
CREATE INDEX attendee_order ON attendee (order_id);

CREATE TABLE check_in (
    id               BIGSERIAL PRIMARY KEY,
    attendee_id      BIGINT      NOT NULL REFERENCES attendee (id),
    conference_id    BIGINT      NOT NULL,
    station          TEXT,
    checked_in_at    TIMESTAMPTZ NOT NULL,
    actor_subject    TEXT        NOT NULL,
    actor_name       TEXT        NOT NULL
);
CREATE INDEX check_in_attendee ON check_in (attendee_id);
CREATE INDEX check_in_conference_time ON check_in (conference_id, checked_in_at);

CREATE TABLE redemption (
    id               BIGSERIAL PRIMARY KEY,
    attendee_id      BIGINT      NOT NULL REFERENCES attendee (id),
    conference_id    BIGINT      NOT NULL,
    line_item_id     BIGINT      NOT NULL,
    redeemed_at      TIMESTAMPTZ NOT NULL,
    actor_subject    TEXT        NOT NULL,
    actor_name       TEXT        NOT NULL
);
CREATE INDEX redemption_line_item ON redemption (line_item_id);

CREATE TABLE processed_event (
    event_id     TEXT PRIMARY KEY,
    event_type   TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE outbox_event (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    record_key    TEXT        NOT NULL,
    event_type    TEXT        NOT NULL,
    subject       TEXT,
    payload       TEXT        NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;
