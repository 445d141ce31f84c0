package org.confops.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.confops.testinfra.OidcServerResource;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = OidcServerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeServices.class, scope = TestResourceScope.GLOBAL)
class GatewayTest {

    private static final String TOKEN = TestTokens.token("volunteer", "conference:devconf:view_checkin");

    private static int hits(String service) {
        return FakeServices.HITS.computeIfAbsent(service, k -> new AtomicInteger()).get();
    }

    @Test
    void unauthenticatedCallsAreRefusedBeforeReachingAService() {
        int before = hits("checkin-service") + hits("catalog-service");

        given().get("/api/conferences/devconf/checkin/preload").then().statusCode(401)
                .contentType(ContentType.JSON).header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("Authentication required"));
        given().auth().oauth2(TestTokens.expiredToken("x", "superuser")).get("/api/conferences")
                .then().statusCode(401).body("error", equalTo("Authentication required"));
        given().auth().oauth2(TestTokens.tokenForAudience("some-other-app", "x", "superuser")).get("/api/conferences")
                .then().statusCode(401).body("error", equalTo("Authentication required"));
        given().auth().oauth2(TestTokens.tokenSignedByUnknownKey("x", "superuser"))
                .contentType(ContentType.JSON).body("{\"access_code\":\"X\"}")
                .post("/devconf/register/checkin/scan/").then().statusCode(401);

        assertThat(hits("checkin-service") + hits("catalog-service")).isEqualTo(before);
    }

    @Test
    void pathsGoToTheServiceThatOwnsThemWithTheTokenPassedOn() {
        given().auth().oauth2(TOKEN).get("/api/conferences/devconf/checkin/preload?ticket_type=regular")
                .then().statusCode(200)
                .body("service", equalTo("checkin-service"))
                .body("uri", equalTo("/api/conferences/devconf/checkin/preload?ticket_type=regular"))
                .body("authorization", equalTo("Bearer " + TOKEN));
        given().auth().oauth2(TOKEN).get("/api/conferences/devconf/orders/12").then().statusCode(200)
                .body("service", equalTo("catalog-service")).body("uri", equalTo("/api/conferences/devconf/orders/12"));
        given().auth().oauth2(TOKEN).get("/api/conferences").then().statusCode(200)
                .body("service", equalTo("catalog-service"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("access_code", "ABCD1234"))
                .post("/api/conferences/devconf/checkin/scan").then().statusCode(200)
                .body("method", equalTo("POST")).body("body", equalTo("{'access_code':'ABCD1234'}"));
    }

    @Test
    void djangoProgramScannerPathsMapOntoTheCheckinApi() {
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("access_code", "ABCD1234"))
                .post("/devconf/register/checkin/scan/").then().statusCode(200)
                .body("service", equalTo("checkin-service"))
                .body("uri", equalTo("/api/conferences/devconf/checkin/scan"))
                .body("body", equalTo("{'access_code':'ABCD1234'}"));
        given().auth().oauth2(TOKEN).get("/devconf/register/checkin/lookup/ABCD1234/").then().statusCode(200)
                .body("uri", equalTo("/api/conferences/devconf/checkin/lookup/ABCD1234"));
        given().auth().oauth2(TOKEN).get("/devconf/register/checkin/preload/?ticket_type=student").then()
                .statusCode(200).body("uri", equalTo("/api/conferences/devconf/checkin/preload?ticket_type=student"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{}")
                .post("/devconf/register/checkin/redeem/").then().statusCode(200)
                .body("uri", equalTo("/api/conferences/devconf/checkin/redeem"));
    }

    @Test
    void requestIdsArePassedOnOrCreated() {
        given().auth().oauth2(TOKEN).header("X-Request-Id", "desk-7-0042").get("/api/conferences").then()
                .statusCode(200).header("X-Request-Id", "desk-7-0042").body("request_id", equalTo("desk-7-0042"));
        String created = given().auth().oauth2(TOKEN).get("/api/conferences").then().statusCode(200)
                .header("X-Request-Id", notNullValue()).extract().header("X-Request-Id");
        assertThat(created).hasSize(36);
        given().auth().oauth2(TOKEN).header("X-Request-Id", "bad id\twith spaces").get("/api/conferences")
                .then().statusCode(200).body("request_id", org.hamcrest.Matchers.not(equalTo("bad id\twith spaces")));
    }

    @Test
    void aServiceThatIsDownIsA503InJson() {
        given().auth().oauth2(TOKEN).get("/api/conferences/devconf/bulk-purchases").then().statusCode(503)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Service unavailable"))
                .body("service", equalTo("bulk-purchase-service"));
    }

    @Test
    void unknownPathsAreJson404() {
        given().auth().oauth2(TOKEN).get("/api/../etc/passwd").then().statusCode(404);
        given().auth().oauth2(TOKEN).get("/devconf/register/checkin/unknown/").then().statusCode(404)
                .contentType(ContentType.JSON);
    }

    @Test
    void largeResponsesStreamThrough() throws Exception {
        InputStream body = given().auth().oauth2(TOKEN).get("/api/conferences/devconf/checkin/stream")
                .then().statusCode(200).extract().asInputStream();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (body) {
            for (int n; (n = body.read(buffer)) > 0;) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(FakeServices.STREAM_BYTES);
    }

    @Test
    void serverSentEventsPassAsTheyAreSentAndHeartbeatsOutliveTheIdleTimeout() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        long start = System.nanoTime();
        var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + io.restassured.RestAssured.port + "/api/conferences/devconf/checkin/stats/stream"))
                .header("Authorization", "Bearer " + TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        var lines = response.body().iterator();
        assertThat(lines.next()).isEqualTo("event: stats");
        assertThat(lines.next()).isEqualTo("data: {\"n\":1}");
        // the first event arrives while the service is still sending: nothing is held back until the end
        assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(
                FakeServices.EVENT_GAP_SECONDS - 2));
        java.util.List<String> rest = new java.util.ArrayList<>();
        lines.forEachRemaining(rest::add);
        // quieter than the gateway's idle timeout (3 s in tests) between events, but heartbeats kept it open
        assertThat(rest).contains(":keep-alive", "event: stats", "data: {\"n\":2}");
    }

    @Test
    void healthShowsEachDownstream() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'downstream services' }.data.'catalog-service'", equalTo("UP"))
                .body("checks.find { it.name == 'downstream services' }.data.'checkin-service'", equalTo("UP"))
                .body("checks.find { it.name == 'downstream services' }.data.'bulk-purchase-service'", equalTo("DOWN"));
    }

    @Test
    void corsAllowsTheConfiguredOrganizerFrontend() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .options("/api/conferences").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
    }

    @Test
    void corsPreflightAllowsTheHeadersDjangoProgramScannerClientsSend() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-csrftoken,x-requested-with")
                .options("/democon/register/checkin/redeem/").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.containsStringIgnoringCase("X-CSRFToken"))
                .header("Access-Control-Allow-Headers",
                        org.hamcrest.Matchers.containsStringIgnoringCase("X-Requested-With"));
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match")
                .options("/api/conferences/democon/checkin/preload").then().statusCode(200)
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.containsStringIgnoringCase("If-None-Match"));
    }
}
