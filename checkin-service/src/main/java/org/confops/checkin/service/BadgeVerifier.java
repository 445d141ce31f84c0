package org.confops.checkin.service;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.checkin.domain.Conference;
import org.confops.checkin.domain.SigningKey;
import org.confops.checkin.repository.SigningKeyRepository;
import org.confops.platform.errors.Rejection;

/**
 * Turns a scanned signed badge into the access code it vouches for, or refuses it (contracts/badges.md,
 * "Verifying"): the right conference, a key of that conference that has not expired, a signature that verifies
 * (the JDK's Ed25519), inside its validity. What becomes of the attendee is then decided as for a plain code.
 */
@ApplicationScoped
public class BadgeVerifier {

    /** Scanners' and servers' clocks differ; a badge made a moment ago is not "not yet valid". */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @Inject
    SigningKeyRepository keys;

    /** Parsed keys by their encoding: parsing is most of the cost of a verification, and keys never change. */
    private final Map<String, PublicKey> parsed = new ConcurrentHashMap<>();

    /** The access code to look up: {@code code} itself when it is not a signed badge. */
    public String accessCode(Conference conference, String code) {
        if (!SignedBadge.looksSigned(code)) {
            return code;
        }
        SignedBadge badge = SignedBadge.parse(code).orElseThrow(
                () -> Rejection.invalid("Not a badge this system signed").because("invalid"));
        return verified(conference, badge, Instant.now()).accessCode();
    }

    SignedBadge verified(Conference conference, SignedBadge badge, Instant now) {
        if (!conference.slug.equals(badge.conference())) {
            throw Rejection.notFound("Badge is for another conference").with("access_code", badge.accessCode())
                    .because("wrong_conference");
        }
        SigningKey key = keys.find(conference.id, badge.keyId()).filter(k -> now.isBefore(k.expiresAt()))
                .orElseThrow(() -> Rejection.unprocessable("access_code", "Badge signed by an unknown key")
                        .with("key_id", badge.keyId()).because("unknown_key"));
        if (!verifies(key, badge)) {
            throw Rejection.unprocessable("access_code", "Badge signature does not verify").because("bad_signature");
        }
        if (now.isBefore(badge.validFrom().minus(CLOCK_SKEW)) || now.isAfter(badge.validUntil())) {
            throw Rejection.unprocessable("access_code", "Badge is not valid now")
                    .with("valid_from", badge.validFrom()).with("valid_until", badge.validUntil())
                    .because("badge_expired");
        }
        return badge;
    }

    private boolean verifies(SigningKey key, SignedBadge badge) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(parsed.computeIfAbsent(key.publicKey(), BadgeVerifier::publicKey));
            signature.update(badge.payload());
            return signature.verify(badge.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static PublicKey publicKey(String encoded) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key", e);
        }
    }
}
