package org.confops.platform.errors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** One error body everywhere, a 503 (not a 500) while the database is away, and never a stack trace. */
@QuarkusTest
class ErrorMappersTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aRejectionIsItsStatusWithTheErrorBody() {
        given().get("/test/refused").then().statusCode(404)
                .body("error", equalTo("Conference not found")).body("conference", equalTo("nope"));
    }

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() {
        given().get("/test/database-away").then().statusCode(503).header("Retry-After", "1")
                .body("error", equalTo("Service temporarily unavailable, please retry"));
    }

    @Test
    void inputTheDatabaseRefusesIsA400NotA500() {
        given().get("/test/refused-by-database").then().statusCode(400).body("error", equalTo("Invalid value"));
    }

    @Test
    void aBodyOverTheLimitIsA413InJsonBeforeItIsRead() {
        given().contentType("application/json").body("x".repeat(1024 * 1024)).post("/test/echo").then()
                .statusCode(200).body("length", equalTo(1024 * 1024));
        given().contentType("application/json").body("x".repeat(1024 * 1024 + 1)).post("/test/echo").then()
                .statusCode(413).contentType("application/json")
                .body("error", equalTo("Request body too large")).body("max_bytes", equalTo(1024 * 1024));
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413InJsonToo() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> tooLarge = http.send(chunked(1024 * 1024 + 1), HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(tooLarge.body()).contains("\"error\":\"Request body too large\"");
        HttpResponse<String> fits = http.send(chunked(1024), HttpResponse.BodyHandlers.ofString());
        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(fits.body()).contains("\"length\":1024");
    }

    /** A body of unknown length: the JDK client sends it chunked, without Content-Length. */
    private HttpRequest chunked(int size) {
        byte[] body = "x".repeat(size).getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(base + "test/echo")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
    }

    @Test
    void aNumberOrBooleanWhereTextIsDueIsAWrongTypeNotText() {
        given().contentType("application/json").body("{\"reference\":\"psp-1\",\"amount\":5}")
                .post("/test/reference").then().statusCode(200).body("reference", equalTo("psp-1"));
        given().contentType("application/json").body("{\"reference\":9223372460629604496}")
                .post("/test/reference").then().statusCode(400)
                .body("error", equalTo("Invalid value")).body("field", equalTo("reference"));
        given().contentType("application/json").body("{\"reference\":true}")
                .post("/test/reference").then().statusCode(400).body("field", equalTo("reference"));
    }

    @Test
    void aBugIsA500WithoutDetails() {
        given().get("/test/bug").then().statusCode(500)
                .body("error", equalTo("Internal server error"))
                .body(not(containsString("secrets")));
    }

    @Test
    void pagingIsReadLenientlyAndRefusedClearly() {
        given().get("/test/page?page=3&page_size=20").then().statusCode(200)
                .body("page", equalTo(3)).body("size", equalTo(20)).body("offset", equalTo(40));
        given().get("/test/page").then().statusCode(200).body("page", equalTo(1)).body("size", equalTo(50));
        given().get("/test/page?page_size=201").then().statusCode(400)
                .body("error", equalTo("page_size must be a whole number from 1 to 200"))
                .body("field", equalTo("page_size"));
        given().get("/test/page?page=abc").then().statusCode(400).body("field", equalTo("page"));
    }
}
