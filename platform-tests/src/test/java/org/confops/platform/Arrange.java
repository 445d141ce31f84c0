package org.confops.platform;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What several end-to-end tests set up first, through a base URL (the gateway or a service) as a token's holder. */
final class Arrange {

    private Arrange() {
    }

    /** A sponsor Initech's deal for {@code quantity} comp codes of the "regular" ticket, usable from yesterday on. */
    static Map<String, Object> compCodes(int quantity) {
        return Map.of("sponsor", "initech", "quantity", quantity, "ticket_type", "regular",
                "unit_price", "0", "voucher_config", Map.of("voucher_type", "comp", "discount_value", "0",
                        "max_uses", 1, "valid_from", Instant.now().minus(Duration.ofDays(1)).toString(),
                        "valid_until", Instant.now().plus(Duration.ofDays(30)).toString()));
    }

    /** A conference of its own with a "regular" ticket type at 300. */
    static void conferenceWithRegularTicket(String base, String token, String slug, String name) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", name, "start_date", "2027-06-01",
                        "end_date", "2027-06-02", "time_zone", "Europe/Amsterdam"))
                .post(base + "/api/conferences").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("slug", "regular", "name", "Regular ticket", "price", "300"))
                .post(base + "/api/conferences/" + slug + "/ticket-types").then().statusCode(201);
    }

    /** One attendee's order of a "regular" ticket, as placed (pending). */
    static JsonPath regularOrder(String base, String token, String slug, String name, String email) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("attendee", Map.of("name", name, "email", email), "ticket_type", "regular"))
                .post(base + "/api/conferences/" + slug + "/orders").then().statusCode(201).extract().jsonPath();
    }
}
