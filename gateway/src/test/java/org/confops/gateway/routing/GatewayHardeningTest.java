package org.confops.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.confops.testinfra.OidcServerResource;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What the gateway does before a service sees a request: oversized bodies refused, code guessing throttled per
 * caller, requests shared among a service's instances and a dead instance skipped (FakeServices gives
 * catalog-service three instances, one down; a body limit of 64 KiB; five unknown codes per minute).
 */
@QuarkusTest
@WithTestResource(value = OidcServerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeServices.class, scope = TestResourceScope.GLOBAL)
class GatewayHardeningTest {

    @TestHTTPResource("/")
    URI gateway;

    private static int hits(String counter) {
        return FakeServices.HITS.computeIfAbsent(counter, k -> new AtomicInteger()).get();
    }

    @Test
    void anOversizedBodyIsRefusedAsJson413BeforeReachingTheService() {
        String token = TestTokens.token("uploader", "superuser");
        int before = hits("checkin-service");
        String big = "{\"items\":\"" + "x".repeat(70 * 1024) + "\"}";

        given().auth().oauth2(token).contentType(ContentType.JSON).body(big)
                .post("/api/conferences/devconf/checkin/sync").then().statusCode(413)
                .contentType(ContentType.JSON).body("error", equalTo("Request body too large"))
                .body("max_bytes", equalTo(64 * 1024));

        assertThat(hits("checkin-service")).isEqualTo(before);
        // just under the limit goes through
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"a\":\"" + "x".repeat(60 * 1024) + "\"}")
                .post("/api/conferences/devconf/checkin/sync").then().statusCode(200);
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimitWithAJson413() throws Exception {
        String token = TestTokens.token("uploader", "superuser");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> tooLarge = http.send(chunked(token, 200 * 1024), HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(tooLarge.body()).contains("\"error\":\"Request body too large\"").contains("\"max_bytes\":65536");

        // a chunked body under the limit streams through as before
        HttpResponse<String> small = http.send(chunked(token, 10 * 1024), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(200);
    }

    /** A body of unknown length: the JDK client sends it chunked, without Content-Length. */
    private HttpRequest chunked(String token, int size) {
        byte[] body = ("{\"a\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(gateway + "api/conferences/devconf/checkin/sync"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
    }

    @Test
    void guessingCodesIsThrottledForThatCallerOnlyWhileHonestDesksScanOn() {
        String guesser = TestTokens.token("guesser", "conference:devconf:view_checkin");
        String honest = TestTokens.token("door-b", "conference:devconf:view_checkin");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(guesser).contentType(ContentType.JSON).body(Map.of("access_code", "UNKNOWN" + i))
                    .post("/api/conferences/devconf/checkin/scan").then().statusCode(404);
        }
        int before = hits("checkin-service");

        // the sixth guess, and any scan by the same caller, waits; the django-program route too
        String retryAfter = given().auth().oauth2(guesser).contentType(ContentType.JSON)
                .body(Map.of("access_code", "UNKNOWN6")).post("/api/conferences/devconf/checkin/scan").then()
                .statusCode(429).contentType(ContentType.JSON)
                .body("error", equalTo("Too many unknown codes scanned; wait before scanning again"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        given().auth().oauth2(guesser).contentType(ContentType.JSON).body(Map.of("access_code", "ABCD1234"))
                .post("/devconf/register/checkin/scan/").then().statusCode(429);
        assertThat(hits("checkin-service")).as("throttled scans never reach the service").isEqualTo(before);

        // another desk is not slowed down, not even after a miss of its own
        given().auth().oauth2(honest).contentType(ContentType.JSON).body(Map.of("access_code", "UNKNOWN-TYPO"))
                .post("/api/conferences/devconf/checkin/scan").then().statusCode(404);
        given().auth().oauth2(honest).contentType(ContentType.JSON).body(Map.of("access_code", "ABCD1234"))
                .post("/api/conferences/devconf/checkin/scan").then().statusCode(200);
        // and the guesser may still look things up (only scans are throttled)
        given().auth().oauth2(guesser).get("/api/conferences/devconf/checkin/lookup/ABCD1234").then().statusCode(200);
    }

    @Test
    void requestsTakeTurnsAmongInstancesAndADeadInstanceIsSkipped() {
        String token = TestTokens.token("organizer", "superuser");
        int first = hits("catalog-1");
        int second = hits("catalog-2");
        for (int i = 0; i < 30; i++) {
            given().auth().oauth2(token).get("/api/conferences").then().statusCode(200)
                    .body("service", equalTo("catalog-service"));
        }
        // three instances in turn, the dead one's turns going to the next: 20 and 10 of 30, never a 503
        int toFirst = hits("catalog-1") - first;
        int toSecond = hits("catalog-2") - second;
        assertThat(toFirst + toSecond).isEqualTo(30);
        assertThat(toFirst).isGreaterThanOrEqualTo(8);
        assertThat(toSecond).isGreaterThanOrEqualTo(8);
    }
}
