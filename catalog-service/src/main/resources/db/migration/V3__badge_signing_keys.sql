-- Ed25519 keys that sign attendees' badges (contracts/badges.md), per conference. The private key is stored
-- sealed (AES-GCM under the service's key-encryption secret) and never leaves the service; the public key
-- travels in conference.changed. One key signs at a time; retired keys keep verifying printed badges.
CREATE TABLE signing_key (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conference_id BIGINT      NOT NULL REFERENCES conference (id),
    algorithm     TEXT        NOT NULL DEFAULT 'Ed25519',
    public_key    BYTEA       NOT NULL,
    private_key   BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    retired_at    TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX signing_key_conference ON signing_key (conference_id);
-- Two requests creating a conference's first key at once: the second fails here instead of adding another.
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (conference_id) WHERE retired_at IS NULL;
