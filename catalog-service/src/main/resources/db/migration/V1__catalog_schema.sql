-- The catalog: conferences and what they sell, sponsors, orders with their attendees, payments and refunds,
-- vouchers accepted at ordering (issued by bulk-purchase-service). Plus the outbox and the inbox (dedupe).

CREATE TABLE conference (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT        NOT NULL UNIQUE,
    name        TEXT        NOT NULL,
    start_date  DATE        NOT NULL,
    end_date    DATE        NOT NULL,
    time_zone   TEXT        NOT NULL,
    version     BIGINT      NOT NULL DEFAULT 1,
    CHECK (end_date >= start_date)
);

-- Ticket types and add-ons have the same shape; kind tells them apart.
CREATE TABLE product (
    id            BIGSERIAL PRIMARY KEY,
    conference_id BIGINT        NOT NULL REFERENCES conference (id),
    kind          TEXT          NOT NULL CHECK (kind IN ('ticket_type', 'addon')),
    slug          TEXT          NOT NULL,
    name          TEXT          NOT NULL,
    price         NUMERIC(12,2) NOT NULL CHECK (price >= 0),
    bulk_enabled  BOOLEAN       NOT NULL DEFAULT FALSE,
    active        BOOLEAN       NOT NULL DEFAULT TRUE,
    capacity      INTEGER       CHECK (capacity >= 0),
    version       BIGINT        NOT NULL DEFAULT 1,
    CONSTRAINT product_slug_per_kind UNIQUE (conference_id, kind, slug)
);

CREATE TABLE sponsor (
    id            BIGSERIAL PRIMARY KEY,
    conference_id BIGINT NOT NULL REFERENCES conference (id),
    slug          TEXT   NOT NULL,
    name          TEXT   NOT NULL,
    level         TEXT   NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    CONSTRAINT sponsor_slug_per_conference UNIQUE (conference_id, slug)
);

CREATE TABLE voucher (
    id                     BIGSERIAL PRIMARY KEY,
    conference_id          BIGINT        NOT NULL,
    code                   TEXT          NOT NULL,
    source_id              BIGINT        NOT NULL,
    bulk_purchase_id       BIGINT,
    voucher_type           TEXT          NOT NULL CHECK (voucher_type IN ('comp', 'percentage', 'fixed_amount')),
    discount_value         NUMERIC(12,2) NOT NULL DEFAULT 0,
    max_uses               INTEGER       NOT NULL CHECK (max_uses >= 0),
    -- owned by the catalog: uses taken by orders
    times_used             INTEGER       NOT NULL DEFAULT 0,
    valid_from             TIMESTAMPTZ,
    valid_until            TIMESTAMPTZ,
    ticket_type_slugs      TEXT          NOT NULL DEFAULT '',
    addon_slugs            TEXT          NOT NULL DEFAULT '',
    unlocks_hidden_tickets BOOLEAN       NOT NULL DEFAULT FALSE,
    active                 BOOLEAN       NOT NULL DEFAULT TRUE,
    version                BIGINT        NOT NULL,
    CONSTRAINT voucher_code_per_conference UNIQUE (conference_id, code)
);

CREATE TABLE customer_order (
    id              BIGSERIAL PRIMARY KEY,
    conference_id   BIGINT        NOT NULL REFERENCES conference (id),
    reference       TEXT          NOT NULL UNIQUE,
    status          TEXT          NOT NULL
                    CHECK (status IN ('pending', 'paid', 'partially_refunded', 'refunded', 'cancelled')),
    voucher_code    TEXT,
    currency        TEXT          NOT NULL,
    subtotal        NUMERIC(12,2) NOT NULL,
    discount        NUMERIC(12,2) NOT NULL,
    total           NUMERIC(12,2) NOT NULL,
    refunded_amount NUMERIC(12,2) NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ   NOT NULL,
    version         BIGINT        NOT NULL DEFAULT 1
);
CREATE INDEX customer_order_conference ON customer_order (conference_id, id DESC);

CREATE TABLE order_line (
    id          BIGSERIAL PRIMARY KEY,
    order_id    BIGINT        NOT NULL REFERENCES customer_order (id),
    product_id  BIGINT        NOT NULL REFERENCES product (id),
    -- what was bought, as it was named when it was bought
    kind        TEXT          NOT NULL CHECK (kind IN ('ticket_type', 'addon')),
    slug        TEXT          NOT NULL,
    description TEXT          NOT NULL,
    quantity    INTEGER       NOT NULL CHECK (quantity > 0),
    unit_price  NUMERIC(12,2) NOT NULL,
    discount    NUMERIC(12,2) NOT NULL,
    line_total  NUMERIC(12,2) NOT NULL
);
CREATE INDEX order_line_order ON order_line (order_id);
CREATE INDEX order_line_product ON order_line (product_id);

CREATE TABLE attendee (
    id            BIGSERIAL PRIMARY KEY,
    conference_id BIGINT NOT NULL REFERENCES conference (id),
    order_id      BIGINT NOT NULL UNIQUE REFERENCES customer_order (id),
    access_code   TEXT   NOT NULL UNIQUE CHECK (access_code ~ '^[A-Z0-9]{8}$'),
    name          TEXT   NOT NULL,
    email         TEXT   NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX attendee_conference ON attendee (conference_id, id);

CREATE TABLE payment (
    id           BIGSERIAL PRIMARY KEY,
    order_id     BIGINT        NOT NULL REFERENCES customer_order (id),
    reference    TEXT          NOT NULL,
    amount       NUMERIC(12,2) NOT NULL,
    recorded_at  TIMESTAMPTZ   NOT NULL,
    actor_subject TEXT         NOT NULL,
    actor_name   TEXT          NOT NULL,
    CONSTRAINT payment_reference_per_order UNIQUE (order_id, reference)
);

CREATE TABLE refund (
    id            BIGSERIAL PRIMARY KEY,
    order_id      BIGINT        NOT NULL REFERENCES customer_order (id),
    amount        NUMERIC(12,2) NOT NULL CHECK (amount > 0),
    reason        TEXT,
    refunded_at   TIMESTAMPTZ   NOT NULL,
    actor_subject TEXT          NOT NULL,
    actor_name    TEXT          NOT NULL
);

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
