package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * An order placed and paid in catalog-service makes its attendee scannable in checkin-service through the
 * real broker; a full refund makes the next scan answer 409.
 */
class OrderToDoorTest {

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.get();
    }

    private static String catalog(String path) {
        return platform.url(Platform.Service.CATALOG) + path;
    }

    private static Response scan(String slug, String token, String code) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("access_code", code))
                .post(platform.url(Platform.Service.CHECKIN) + "/api/conferences/" + slug + "/checkin/scan");
    }

    @Test
    void paidOrderAdmitsItsAttendeeAndAFullRefundTurnsThemAway() {
        // a conference of its own, so the demo users' conference stays the end-to-end test's; the superuser
        // acts for organizer and volunteer here (the realm's roles name only the demo conferences)
        String slug = "it-" + System.currentTimeMillis();
        String admin = platform.login("admin");
        String organizer = admin;
        String volunteer = admin;
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Integration Conf", "start_date", "2027-06-01",
                        "end_date", "2027-06-02", "time_zone", "Europe/Amsterdam"))
                .post(catalog("/api/conferences")).then().statusCode(201);
        given().auth().oauth2(organizer).contentType(ContentType.JSON)
                .body(Map.of("slug", "regular", "name", "Regular ticket", "price", "300"))
                .post(catalog("/api/conferences/" + slug + "/ticket-types")).then().statusCode(201);
        given().auth().oauth2(organizer).contentType(ContentType.JSON)
                .body(Map.of("slug", "dinner", "name", "Speakers' dinner", "price", "60"))
                .post(catalog("/api/conferences/" + slug + "/addons")).then().statusCode(201);

        JsonPath order = given().auth().oauth2(organizer).contentType(ContentType.JSON)
                .body(Map.of("attendee", Map.of("name", "Katherine Johnson", "email", "kj@example.org"),
                        "ticket_type", "regular", "addons", List.of(Map.of("slug", "dinner", "quantity", 1))))
                .post(catalog("/api/conferences/" + slug + "/orders")).then().statusCode(201).extract().jsonPath();
        String code = order.getString("attendee.access_code");
        String orderUrl = catalog("/api/conferences/" + slug + "/orders/" + order.getLong("id"));

        // pending: check-in knows the attendee (events arrived) but refuses them
        await().atMost(Duration.ofSeconds(30)).until(() -> scan(slug, volunteer, code).statusCode() == 409);
        assertThat(scan(slug, volunteer, code).<String>path("order_status")).isEqualTo("pending");

        given().auth().oauth2(organizer).contentType(ContentType.JSON).body(Map.of("reference", "psp-42"))
                .post(orderUrl + "/payments").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> scan(slug, volunteer, code).statusCode() == 200);
        Response admitted = scan(slug, volunteer, code);
        assertThat(admitted.<String>path("attendee.name")).isEqualTo("Katherine Johnson");
        assertThat(admitted.<String>path("badge.ticket_type")).isEqualTo("Regular ticket");
        long dinnerLine = order.getLong("line_items.find { it.addon_slug == 'dinner' }.id");
        given().auth().oauth2(volunteer).contentType(ContentType.JSON)
                .body(Map.of("access_code", code, "line_item_id", dinnerLine))
                .post(platform.url(Platform.Service.CHECKIN) + "/api/conferences/" + slug + "/checkin/redeem")
                .then().statusCode(200);

        given().auth().oauth2(organizer).contentType(ContentType.JSON).body(Map.of("reason", "cannot come"))
                .post(orderUrl + "/refunds").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> scan(slug, volunteer, code).statusCode() == 409);
        assertThat(scan(slug, volunteer, code).<String>path("order_status")).isEqualTo("refunded");
    }
}
