package org.confops.checkin.domain;

import java.time.Instant;

/** The public half of a conference's badge signing key, as the catalog published it. */
public record SigningKey(long conferenceId, long keyId, String algorithm, String publicKey, Instant createdAt,
        Instant retiredAt, Instant expiresAt) {
}
