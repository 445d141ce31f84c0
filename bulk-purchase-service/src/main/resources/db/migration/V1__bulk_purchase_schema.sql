-- Bulk purchases and the voucher codes they generate, the projection of the catalog they refer to
-- (conferences, ticket types, add-ons, sponsors; from the catalog topic), plus the outbox and the inbox (dedupe).

-- Projection: ids are the catalog's.
CREATE TABLE conference (
    id      BIGINT PRIMARY KEY,
    slug    TEXT   NOT NULL,
    name    TEXT   NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX conference_slug ON conference (slug);

-- Ticket types and add-ons share a shape; the catalog's id is unique only together with the kind.
CREATE TABLE product (
    id            BIGSERIAL PRIMARY KEY,
    kind          TEXT          NOT NULL CHECK (kind IN ('ticket_type', 'addon')),
    source_id     BIGINT        NOT NULL,
    conference_id BIGINT        NOT NULL,
    slug          TEXT          NOT NULL,
    name          TEXT          NOT NULL,
    price         NUMERIC(12,2) NOT NULL,
    bulk_enabled  BOOLEAN       NOT NULL,
    active        BOOLEAN       NOT NULL,
    version       BIGINT        NOT NULL,
    CONSTRAINT product_source UNIQUE (kind, source_id)
);
CREATE INDEX product_slug ON product (conference_id, kind, slug);

CREATE TABLE sponsor (
    id            BIGINT PRIMARY KEY,
    conference_id BIGINT NOT NULL,
    slug          TEXT   NOT NULL,
    name          TEXT   NOT NULL,
    level         TEXT   NOT NULL,
    version       BIGINT NOT NULL
);
CREATE INDEX sponsor_slug ON sponsor (conference_id, slug);

CREATE TABLE bulk_purchase (
    id                     BIGSERIAL PRIMARY KEY,
    conference_id          BIGINT        NOT NULL,
    sponsor_id             BIGINT,
    ticket_type_id         BIGINT REFERENCES product (id),
    addon_id               BIGINT REFERENCES product (id),
    quantity               INTEGER       NOT NULL CHECK (quantity >= 1),
    unit_price             NUMERIC(12,2) NOT NULL CHECK (unit_price >= 0),
    total                  NUMERIC(14,2) NOT NULL CHECK (total >= 0),
    status                 TEXT          NOT NULL CHECK (status IN
                           ('pending', 'approved', 'processing', 'paid', 'failed', 'refunded', 'cancelled')),
    -- voucher_config: what each generated code allows; type and value may stay open until fulfilment
    voucher_type           TEXT CHECK (voucher_type IN ('comp', 'percentage', 'fixed_amount')),
    discount_value         NUMERIC(12,2) CHECK (discount_value >= 0),
    max_uses               INTEGER       NOT NULL DEFAULT 1 CHECK (max_uses >= 1),
    valid_from             TIMESTAMPTZ,
    valid_until            TIMESTAMPTZ,
    code_prefix            TEXT,
    unlocks_hidden_tickets BOOLEAN       NOT NULL DEFAULT FALSE,
    payment_reference      TEXT,
    created_at             TIMESTAMPTZ   NOT NULL,
    requested_by_subject   TEXT          NOT NULL,
    requested_by_name      TEXT          NOT NULL,
    approved_at            TIMESTAMPTZ,
    approved_by_subject    TEXT,
    approved_by_name       TEXT,
    paid_at                TIMESTAMPTZ,
    fulfilled_at           TIMESTAMPTZ,
    fulfilled_by_subject   TEXT,
    fulfilled_by_name      TEXT,
    closed_at              TIMESTAMPTZ,
    closed_by_subject      TEXT,
    closed_by_name         TEXT
);
CREATE INDEX bulk_purchase_conference ON bulk_purchase (conference_id, id DESC);

CREATE TABLE bulk_voucher (
    id               BIGSERIAL PRIMARY KEY,
    conference_id    BIGINT  NOT NULL,
    bulk_purchase_id BIGINT  NOT NULL REFERENCES bulk_purchase (id),
    code             TEXT    NOT NULL,
    max_uses         INTEGER NOT NULL,
    -- reported by the catalog (voucher.redeemed)
    times_used       INTEGER NOT NULL DEFAULT 0,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    version          BIGINT  NOT NULL DEFAULT 1,
    CONSTRAINT bulk_voucher_code_per_conference UNIQUE (conference_id, code)
);
CREATE INDEX bulk_voucher_purchase ON bulk_voucher (bulk_purchase_id, id);

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
