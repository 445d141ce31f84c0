-- Public halves of the conferences' badge signing keys (contracts/badges.md), as conference.changed carries
-- them: check-in verifies signed badges with them and ships them in the preload. Replaced whole with each
-- newer conference snapshot.
CREATE TABLE signing_key (
    conference_id BIGINT      NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    key_id        BIGINT      NOT NULL,
    algorithm     TEXT        NOT NULL,
    public_key    TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    retired_at    TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conference_id, key_id)
);

-- The preload's revocation list (refunded and cancelled orders' attendees) without scanning every order.
CREATE INDEX customer_order_revoked ON customer_order (conference_id) WHERE status IN ('refunded', 'cancelled');
