package org.confops.checkin.messaging;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** One of {@code conference.changed}'s {@code signing_keys} (contracts/events.md, contracts/badges.md). */
public record SigningKeySnapshot(@Positive long keyId, @NotBlank String algorithm, @NotBlank String publicKey,
        @NotNull Instant createdAt, Instant retiredAt, @NotNull Instant expiresAt) {
}
