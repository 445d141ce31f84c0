package org.confops.platform.errors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** One error body everywhere, a 503 (not a 500) while the database is away, and never a stack trace. */
@QuarkusTest
class ErrorMappersTest {

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
