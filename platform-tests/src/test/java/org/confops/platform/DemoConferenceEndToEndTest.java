package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.confops.platform.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The whole stack as a user meets it: tokens from the real Keycloak for each demo user, every call through
 * the gateway, the services talking only through Kafka.
 */
class DemoConferenceEndToEndTest {

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.get();
        gateway = platform.url(Service.GATEWAY);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(platform.login(user)).contentType(ContentType.JSON);
    }

    private static Response scan(String code) {
        return as("volunteer").body(Map.of("access_code", code, "station", "Door A"))
                .post(gateway + "/api/conferences/democon/checkin/scan");
    }

    @Test
    void demoUsersRunTheConferenceThroughTheGateway() throws Exception {
        // admin and organizer set the conference up
        as("admin").body(Map.of("slug", "democon", "name", "DemoCon", "start_date", "2027-06-01",
                "end_date", "2027-06-03", "time_zone", "Europe/Berlin")).post(gateway + "/api/conferences")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(409))); // 409: ScannerUiTest ran first
        as("organizer").body(Map.of("slug", "regular", "name", "Regular ticket", "price", "450",
                "bulk_enabled", true)).post(gateway + "/api/conferences/democon/ticket-types").then().statusCode(201);
        as("organizer").body(Map.of("slug", "lunch", "name", "Lunch", "price", "45"))
                .post(gateway + "/api/conferences/democon/addons").then().statusCode(201);
        as("organizer").body(Map.of("slug", "acme", "name", "ACME Corporation", "level", "gold"))
                .post(gateway + "/api/conferences/democon/sponsors").then().statusCode(201);

        // an order is placed and paid
        JsonPath order = as("organizer").body(Map.of("attendee", Map.of("name", "Ada Lovelace", "email",
                "ada@example.org"), "ticket_type", "regular", "addons", List.of(Map.of("slug", "lunch", "quantity", 2))))
                .post(gateway + "/api/conferences/democon/orders").then().statusCode(201).extract().jsonPath();
        String code = order.getString("attendee.access_code");
        long lunch = order.getLong("line_items.find { it.addon_slug == 'lunch' }.id");
        as("organizer").body(Map.of("reference", "psp-e2e-1"))
                .post(gateway + "/api/conferences/democon/orders/" + order.getLong("id") + "/payments")
                .then().statusCode(201).body("status", equalTo("paid"));

        // the desk volunteer scans, redeems and preloads
        await().atMost(Duration.ofSeconds(30)).until(() -> scan(code).statusCode() == 200);
        as("volunteer").body(Map.of("access_code", code, "line_item_id", lunch))
                .post(gateway + "/api/conferences/democon/checkin/redeem").then().statusCode(200)
                .body("remaining", equalTo(1));
        JsonPath preload = as("volunteer").get(gateway + "/api/conferences/democon/checkin/preload")
                .then().statusCode(200).extract().jsonPath();
        assertThat(preload.getList("attendees.access_code")).contains(code);
        assertThat(preload.getBoolean("attendees.find { it.access_code == '" + code + "' }.checked_in")).isTrue();
        // a django-program scanner client, unchanged, through the compatibility route
        as("volunteer").body(Map.of("access_code", code)).post(gateway + "/democon/register/checkin/scan/")
                .then().statusCode(200).body("reentry", equalTo(true));

        // a sponsor deal: requested, approved, paid, fulfilled; one code used in an order shows as used
        String bulk = gateway + "/api/conferences/democon/bulk-purchases";
        Map<String, Object> deal = Map.of("sponsor", "acme", "quantity", 2, "ticket_type", "regular",
                "unit_price", "225.00", "voucher_config", Map.of("voucher_type", "percentage", "discount_value", "50",
                        "max_uses", 1, "valid_from", Instant.now().minus(Duration.ofDays(1)).toString(),
                        "valid_until", Instant.now().plus(Duration.ofDays(30)).toString()));
        as("sponsor").body(deal).post(bulk).then().statusCode(403);
        long[] purchase = new long[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response created = as("organizer").body(deal).post(bulk);
            purchase[0] = created.statusCode() == 201 ? created.jsonPath().getLong("id") : 0;
            return purchase[0] > 0;
        });
        String purchaseUrl = bulk + "/" + purchase[0];
        as("sponsor").post(purchaseUrl + "/approve").then().statusCode(403);
        as("organizer").post(purchaseUrl + "/approve").then().statusCode(200).body("status", equalTo("approved"));
        as("organizer").post(purchaseUrl + "/fulfill").then().statusCode(409);
        as("organizer").body(Map.of("reference", "wire-acme-1")).post(purchaseUrl + "/payments").then().statusCode(201);
        as("organizer").post(purchaseUrl + "/fulfill").then().statusCode(201).body("created", equalTo(2));
        String voucher = as("sponsor").get(purchaseUrl).then().statusCode(200).extract().jsonPath()
                .getString("vouchers[0].code");
        await().atMost(Duration.ofSeconds(30)).until(() -> as("organizer").body(Map.of("attendee",
                Map.of("name", "Wile E. Coyote", "email", "wile@acme.example"), "ticket_type", "regular",
                "voucher_code", voucher)).post(gateway + "/api/conferences/democon/orders").statusCode() == 201);
        await().atMost(Duration.ofSeconds(30)).until(() -> as("sponsor").get(purchaseUrl).then().extract().jsonPath()
                .getInt("vouchers.find { it.code == '" + voucher + "' }.times_used") == 1);
        assertThat(as("sponsor").get(purchaseUrl + "/vouchers.csv").then().statusCode(200).extract().asString())
                .contains(voucher);

        // the sponsor may look but not change; the other conference's volunteer is refused everywhere
        as("sponsor").body(Map.of("slug", "vip", "name", "VIP", "price", "1"))
                .post(gateway + "/api/conferences/democon/ticket-types").then().statusCode(403);
        as("sponsor").body(Map.of("access_code", code)).post(gateway + "/api/conferences/democon/checkin/scan")
                .then().statusCode(403);
        as("other-volunteer").body(Map.of("access_code", code))
                .post(gateway + "/api/conferences/democon/checkin/scan").then().statusCode(403);
        as("other-volunteer").get(gateway + "/api/conferences/democon/checkin/lookup/" + code).then().statusCode(403);
        as("other-volunteer").get(gateway + "/api/conferences/democon/checkin/preload").then().statusCode(403);
        as("other-volunteer").body(Map.of("access_code", code, "line_item_id", lunch))
                .post(gateway + "/api/conferences/democon/checkin/redeem").then().statusCode(403);
        as("other-volunteer").get(gateway + "/api/conferences/democon/orders").then().statusCode(403);
        as("other-volunteer").get(gateway + "/api/conferences/democon/ticket-types").then().statusCode(403);
        as("other-volunteer").get(bulk).then().statusCode(403);
        as("other-volunteer").get(purchaseUrl).then().statusCode(403);
        as("other-volunteer").body(Map.of("access_code", code)).post(gateway + "/democon/register/checkin/scan/")
                .then().statusCode(403);
    }

    @Test
    void noTokenIsRefusedAtTheGatewayAndAtEachService() {
        List<String> calls = List.of(
                gateway + "/api/conferences/democon/checkin/preload",
                gateway + "/api/conferences",
                platform.url(Service.CHECKIN) + "/api/conferences/democon/checkin/preload",
                platform.url(Service.CATALOG) + "/api/conferences/democon/orders",
                gateway + "/api/conferences/democon/bulk-purchases",
                platform.url(Service.BULK_PURCHASE) + "/api/conferences/democon/bulk-purchases");
        calls.forEach(url -> given().get(url).then().statusCode(401).contentType(ContentType.JSON)
                .body("error", equalTo("Authentication required")));
        given().contentType(ContentType.JSON).body(Map.of("access_code", "X"))
                .post(gateway + "/democon/register/checkin/scan/").then().statusCode(401);
    }

    @Test
    void aStoppedServiceIsA503AtTheGatewayUntilItIsBack() throws Exception {
        String token = platform.login("volunteer");
        platform.stop(Service.CHECKIN);
        try {
            given().auth().oauth2(token).get(gateway + "/api/conferences/democon/checkin/preload")
                    .then().statusCode(503).contentType(ContentType.JSON)
                    .body("error", equalTo("Service unavailable")).body("service", equalTo("checkin-service"));
            given().auth().oauth2(token).get(gateway + "/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'downstream services' }.data.'checkin-service'", equalTo("DOWN"));
        } finally {
            platform.start(Service.CHECKIN);
        }
        given().auth().oauth2(token).get(gateway + "/api/conferences/democon/checkin/preload")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(404)));
    }
}
