-- The library's tables, as every service declares them in its own Flyway history, and the test ledger.
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

-- No unique key on purpose: an entry applied twice would show as two rows.
CREATE TABLE ledger_entry (
    id        BIGSERIAL PRIMARY KEY,
    account   TEXT    NOT NULL,
    entry     TEXT    NOT NULL,
    amount    INTEGER NOT NULL
);
CREATE INDEX ledger_entry_account ON ledger_entry (account);
