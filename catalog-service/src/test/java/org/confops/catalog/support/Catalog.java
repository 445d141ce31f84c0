package org.confops.catalog.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.confops.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Arranges catalog data through the public API, as an organizer would; every test gets its own conference. */
public final class Catalog {

    private static final AtomicLong COUNTER = new AtomicLong(System.currentTimeMillis() % 100_000_000);

    private Catalog() {
    }

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    public static String superuser() {
        return TestTokens.token("admin", "superuser");
    }

    public static String organizer(String conference) {
        return TestTokens.token("organizer-" + conference, "conference:" + conference + ":manage_catalog");
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static Map<String, Object> conferenceBody(String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("name", "Conference " + slug);
        body.put("start_date", "2027-06-01");
        body.put("end_date", "2027-06-03");
        body.put("time_zone", "Europe/Berlin");
        return body;
    }

    /** A new conference; returns its slug. */
    public static String conference() {
        String slug = uniqueSlug("conf");
        as(superuser()).body(conferenceBody(slug)).post("/api/conferences").then().statusCode(201);
        return slug;
    }

    public static Map<String, Object> productBody(String slug, String price) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("name", "Product " + slug);
        body.put("price", price);
        return body;
    }

    public static void ticketType(String conference, String slug, String price) {
        ticketType(conference, productBody(slug, price));
    }

    public static void ticketType(String conference, Map<String, Object> body) {
        as(organizer(conference)).body(body).post("/api/conferences/" + conference + "/ticket-types")
                .then().statusCode(201);
    }

    public static void addon(String conference, String slug, String price) {
        as(organizer(conference)).body(productBody(slug, price)).post("/api/conferences/" + conference + "/addons")
                .then().statusCode(201);
    }

    public static Map<String, Object> orderBody(String ticketType, List<Map<String, Object>> addons,
            String voucherCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("attendee", Map.of("name", "Grace Hopper", "email", "grace@example.org"));
        if (ticketType != null) {
            body.put("ticket_type", ticketType);
        }
        if (addons != null) {
            body.put("addons", addons);
        }
        if (voucherCode != null) {
            body.put("voucher_code", voucherCode);
        }
        return body;
    }

    /** Places an order and returns its body. */
    public static JsonPath placeOrder(String conference, Map<String, Object> body) {
        return as(organizer(conference)).body(body).post("/api/conferences/" + conference + "/orders")
                .then().statusCode(201).extract().jsonPath();
    }

    public static String orders(String conference) {
        return "/api/conferences/" + conference + "/orders";
    }
}
