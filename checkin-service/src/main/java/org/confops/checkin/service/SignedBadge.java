package org.confops.checkin.service;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A signed badge read from its QR text (format 1 of contracts/badges.md): base64url of the payload followed by
 * its 64-byte Ed25519 signature. Reading checks only the shape; {@link BadgeVerifier} checks the signature.
 */
public record SignedBadge(long keyId, String conference, String accessCode, String ticketType, Instant validFrom,
        Instant validUntil, byte[] payload, byte[] signature) {

    /** Plain access codes are 8 characters; no signed badge is shorter than this. */
    static final int MIN_LENGTH = 80;
    private static final int FORMAT = 1;
    private static final int SIGNATURE_BYTES = 64;

    /** Whether a scanned text is meant as a signed badge (and so must verify) rather than an access code. */
    public static boolean looksSigned(String text) {
        return text != null && text.length() >= MIN_LENGTH;
    }

    /** The badge in {@code text}, or empty when it is not a well-formed format-1 badge. */
    public static Optional<SignedBadge> parse(String text) {
        if (!looksSigned(text)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text.trim());
            if (bytes.length <= SIGNATURE_BYTES + 1) {
                return Optional.empty();
            }
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - SIGNATURE_BYTES);
            if ((in.get() & 0xFF) != FORMAT) {
                return Optional.empty();
            }
            long keyId = Integer.toUnsignedLong(in.getInt());
            String conference = text(in);
            String accessCode = text(in);
            String ticketType = text(in);
            Instant validFrom = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
            Instant validUntil = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
            if (in.hasRemaining() || accessCode.isEmpty()) {
                return Optional.empty();
            }
            byte[] payload = java.util.Arrays.copyOf(bytes, bytes.length - SIGNATURE_BYTES);
            byte[] signature = java.util.Arrays.copyOfRange(bytes, bytes.length - SIGNATURE_BYTES, bytes.length);
            return Optional.of(new SignedBadge(keyId, conference, accessCode, ticketType, validFrom, validUntil,
                    payload, signature));
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    /** The access code a scanned text names, signature unchecked: for the scan log only. */
    public static String accessCodeForLog(String text) {
        return looksSigned(text) ? parse(text).map(SignedBadge::accessCode).orElse(text) : text;
    }

    private static String text(ByteBuffer in) {
        byte[] bytes = new byte[in.get() & 0xFF];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
