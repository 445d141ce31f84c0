package org.confops.testinfra;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;

/**
 * Mints access tokens shaped like Keycloak's (subject, preferred_username, name, realm_access.roles),
 * signed by the test OIDC server's key. Roles such as {@code conference:devconf:view_checkin} carry the
 * conference-scoped permissions; {@code superuser} is the global one.
 *
 * <p>The key travels through system properties because Quarkus may load test resources and test classes
 * in different class loaders; the properties are the one thing both see.
 */
public final class TestTokens {

    private static final String ISSUER = "confops.test.oidc.issuer";
    private static final String KEY = "confops.test.oidc.private-key";

    private TestTokens() {
    }

    static void use(String issuer, KeyPair keyPair) {
        System.setProperty(ISSUER, issuer);
        System.setProperty(KEY, Base64.getEncoder().encodeToString(keyPair.getPrivate().getEncoded()));
    }

    /** The audience the services require: the platform API's client id. */
    public static final String AUDIENCE = "confops-api";

    /** A valid token for {@code subject} holding {@code roles}; the display name is derived from the subject. */
    public static String token(String subject, String... roles) {
        return sign(subject, List.of(roles), Instant.now().plus(Duration.ofMinutes(30)), signingKey(), AUDIENCE);
    }

    /** A well-signed token meant for another audience (another application of the same realm). */
    public static String tokenForAudience(String audience, String subject, String... roles) {
        return sign(subject, List.of(roles), Instant.now().plus(Duration.ofMinutes(30)), signingKey(), audience);
    }

    /** A valid token whose lifetime ends {@code in} from now. */
    public static String tokenExpiringIn(Duration in, String subject, String... roles) {
        return sign(subject, List.of(roles), Instant.now().plus(in), signingKey(), AUDIENCE);
    }

    /** A token whose lifetime ended an hour ago. */
    public static String expiredToken(String subject, String... roles) {
        return sign(subject, List.of(roles), Instant.now().minus(Duration.ofHours(1)), signingKey(), AUDIENCE);
    }

    /** A well-formed token signed by a key the OIDC server never published. */
    public static String tokenSignedByUnknownKey(String subject, String... roles) {
        return sign(subject, List.of(roles), Instant.now().plus(Duration.ofMinutes(30)),
                OidcTestServer.newRsaKeyPair().getPrivate(), AUDIENCE);
    }

    public static String displayName(String subject) {
        return "User " + subject;
    }

    private static String sign(String subject, List<String> roles, Instant expiresAt, PrivateKey key,
            String audience) {
        Instant issuedAt = expiresAt.minus(Duration.ofMinutes(30));
        return Jwt.issuer(requireProperty(ISSUER))
                .audience(audience)
                .subject(subject)
                .preferredUserName(subject)
                .claim("name", displayName(subject))
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .jws().keyId(OidcTestServer.KEY_ID)
                .sign(key);
    }

    private static PrivateKey signingKey() {
        try {
            byte[] der = Base64.getDecoder().decode(requireProperty(KEY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String requireProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("The test OIDC server is not running: add OidcServerResource to the test");
        }
        return value;
    }
}
