package org.confops.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.inject.Inject;

import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A bearer token is verified once and then trusted until it expires (or a minute has passed): the second request
 * with it skips OIDC's checks, yet nothing the checks refuse is ever let through, and no token gets another's
 * identity.
 */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    MeterRegistry registry;

    private static int status(String token, String slug) {
        return given().auth().oauth2(token).get("/test/conferences/" + slug + "/VIEW_CHECKIN").then().extract()
                .statusCode();
    }

    private double hits() {
        return registry.get("cache.gets").tag("cache", "verified_bearer_tokens").tag("result", "hit")
                .functionCounter().count();
    }

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgain() {
        String token = TestTokens.token("cached-desk", "conference:alpha:view_checkin");
        assertThat(status(token, "alpha")).isEqualTo(200);
        double before = hits();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get("/test/conferences/alpha/VIEW_CHECKIN").then().statusCode(200)
                    .body("actor", equalTo(TestTokens.displayName("cached-desk")));
        }
        assertThat(hits() - before).isEqualTo(5);
        // the remembered identity keeps its own permissions
        assertThat(status(token, "beta")).isEqualTo(403);
    }

    @Test
    void eachTokenKeepsItsOwnIdentity() {
        String alpha = TestTokens.token("desk-a", "conference:alpha:view_checkin");
        String beta = TestTokens.token("desk-b", "conference:beta:view_checkin");
        for (int i = 0; i < 3; i++) {
            assertThat(status(alpha, "alpha")).isEqualTo(200);
            assertThat(status(alpha, "beta")).isEqualTo(403);
            assertThat(status(beta, "beta")).isEqualTo(200);
            assertThat(status(beta, "alpha")).isEqualTo(403);
        }
        given().auth().oauth2(beta).get("/test/conferences/beta/VIEW_CHECKIN").then()
                .body("actor", equalTo(TestTokens.displayName("desk-b")));
    }

    @Test
    void anAlteredTokenIsRefusedEvenAfterTheGenuineOneWasTrusted() {
        String genuine = TestTokens.token("desk-c", "conference:alpha:view_checkin");
        assertThat(status(genuine, "alpha")).isEqualTo(200);

        // the same signature over a payload that now claims the superuser role
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("conference:alpha:view_checkin", "superuser");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(status(altered, "beta")).isEqualTo(401);
        assertThat(status(altered, "beta")).isEqualTo(401);

        String forged = TestTokens.tokenSignedByUnknownKey("desk-c", "superuser");
        assertThat(status(forged, "beta")).isEqualTo(401);
        assertThat(status(forged, "beta")).isEqualTo(401);
        assertThat(status(TestTokens.expiredToken("desk-c", "superuser"), "beta")).isEqualTo(401);
    }

    @Test
    void aTrustedTokenStopsWorkingWhenItExpires() throws InterruptedException {
        String token = TestTokens.tokenExpiringIn(Duration.ofSeconds(3), "desk-d", "conference:alpha:view_checkin");
        assertThat(status(token, "alpha")).isEqualTo(200);
        assertThat(status(token, "alpha")).isEqualTo(200);
        Thread.sleep(3_500);
        // OIDC itself refuses a token the moment it expires (no lifespan grace is configured), and so must the cache
        assertThat(status(token, "alpha")).isEqualTo(401);
    }
}
