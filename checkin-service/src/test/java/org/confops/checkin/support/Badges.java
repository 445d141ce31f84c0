package org.confops.checkin.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.PlatformEvents;

/**
 * Signs badges as the catalog does (contracts/badges.md, format 1) with key pairs made here, and announces the
 * public keys to check-in in a conference snapshot, as the catalog does.
 */
public final class Badges {

    /** A key pair with the id the catalog gave it. */
    public record Key(long id, KeyPair pair, Instant createdAt, Instant retiredAt, Instant expiresAt) {
        public Key retired() {
            return new Key(id, pair, createdAt, Instant.now(), expiresAt);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("key_id", id);
            json.put("algorithm", "Ed25519");
            json.put("public_key", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            json.put("created_at", createdAt.toString());
            json.put("retired_at", retiredAt == null ? null : retiredAt.toString());
            json.put("expires_at", expiresAt.toString());
            return json;
        }
    }

    private Badges() {
    }

    public static Key newKey() {
        try {
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return new Key(Fixtures.nextId() % 1_000_000_000L, KeyPairGenerator.getInstance("Ed25519")
                    .generateKeyPair(), now.minusSeconds(60), null, now.plus(Duration.ofDays(730)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the conference's snapshot at {@code version} with these keys and waits until the preload has them. */
    public static void publishKeys(ConferenceRef conference, long version, Key... keys) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", conference.id());
        data.put("slug", conference.slug());
        data.put("name", "Conference " + conference.id());
        data.put("signing_keys", java.util.Arrays.stream(keys).map(Key::json).toList());
        data.put("version", version);
        PlatformEvents.publish("catalog", String.valueOf(conference.id()), "conference.changed", data);
        List<Long> ids = java.util.Arrays.stream(keys).map(Key::id).toList();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Number> held = given().auth().oauth2(Fixtures.superuserToken()).get(conference.base() + "/preload")
                    .then().extract().jsonPath().getList("signing_keys.key_id", Number.class);
            return held != null && held.stream().map(Number::longValue).toList().equals(ids);
        });
    }

    public static String sign(Key key, String conference, String accessCode, Instant validFrom, Instant validUntil) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        uint32(out, key.id());
        text(out, conference);
        text(out, accessCode);
        text(out, "regular");
        uint32(out, validFrom.getEpochSecond());
        uint32(out, validUntil.getEpochSecond());
        byte[] payload = out.toByteArray();
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.pair().getPrivate());
            signature.update(payload);
            out.writeBytes(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** A badge valid from a minute ago for a day. */
    public static String sign(Key key, String conference, String accessCode) {
        Instant now = Instant.now();
        return sign(key, conference, accessCode, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
    }

    private static void uint32(ByteArrayOutputStream out, long value) {
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }

    private static void text(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
