package org.confops.catalog.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * What a badge's QR code says, before its signature: format 1 of contracts/badges.md. The signed form is
 * base64url (no padding) of these bytes followed by the 64-byte Ed25519 signature over them.
 */
public record BadgePayload(long keyId, String conference, String accessCode, String ticketType, Instant validFrom,
        Instant validUntil) {

    public static final int FORMAT = 1;

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(FORMAT);
        writeUint32(out, keyId);
        writeText(out, conference);
        writeText(out, accessCode);
        writeText(out, ticketType == null ? "" : ticketType);
        writeUint32(out, validFrom.getEpochSecond());
        writeUint32(out, validUntil.getEpochSecond());
        return out.toByteArray();
    }

    public static String encode(byte[] payload, byte[] signature) {
        byte[] signed = new byte[payload.length + signature.length];
        System.arraycopy(payload, 0, signed, 0, payload.length);
        System.arraycopy(signature, 0, signed, payload.length, signature.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    private static void writeUint32(ByteArrayOutputStream out, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Not an unsigned 32-bit value: " + value);
        }
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }

    private static void writeText(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("Badge field longer than 255 bytes");
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
