package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.confops.platform.Platform.Service;
import org.confops.testinfra.Concurrently;
import org.confops.testinfra.ServiceProcess;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Two instances of every service on one database each, and a second gateway that balances between them: racing
 * requests sent to both instances at once still count once (a nonce, the last unit of a product, a fulfilment,
 * the last ticket on sale, a payment), one relay per service is active, and when an instance dies its partitions
 * move to the other without losing an event.
 */
class ScaleOutTest {

    private static FaultStack stack;
    private static String token;
    private static ServiceProcess secondCheckin;
    private static ServiceProcess secondBulk;
    private static ServiceProcess secondGateway;
    private static ServiceProcess secondCatalog;
    private static List<String> catalogs;
    private static List<String> checkins;
    private static List<String> bulks;

    @BeforeAll
    static void start() throws Exception {
        stack = FaultStack.get();
        token = TestTokens.token("scale-admin", "superuser");
        secondCheckin = stack.startAnother(Service.CHECKIN, Map.of());
        secondBulk = stack.startAnother(Service.BULK_PURCHASE, Map.of());
        secondCatalog = stack.startAnother(Service.CATALOG, Map.of());
        catalogs = List.of(stack.url(Service.CATALOG), secondCatalog.baseUrl());
        checkins = List.of(stack.url(Service.CHECKIN), secondCheckin.baseUrl());
        bulks = List.of(stack.url(Service.BULK_PURCHASE), secondBulk.baseUrl());
        secondGateway = stack.startAnother(Service.GATEWAY, Map.of(
                "CATALOG_URL", String.join(",", catalogs),
                "CHECKIN_URL", String.join(",", checkins),
                "BULK_PURCHASE_URL", String.join(",", bulks)));
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess process : new ServiceProcess[] { secondGateway, secondCatalog, secondBulk, secondCheckin }) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void theSameNonceSentToBothInstancesAtOnceCountsOnce() throws Exception {
        String slug = conference("nonce");
        Order order = paidOrder(slug, 1);
        String nonce = UUID.randomUUID().toString();
        AtomicInteger turn = new AtomicInteger();
        List<Integer> statuses = Concurrently.run(12, () -> given().auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("access_code", order.code(), "station", "Door A", "nonce", nonce))
                .post(checkins.get(turn.getAndIncrement() % 2) + "/api/conferences/" + slug + "/checkin/scan")
                .statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(count(Service.CHECKIN, "SELECT count(*) FROM check_in c JOIN attendee a ON a.id = c.attendee_id"
                + " WHERE a.access_code = '" + order.code() + "'")).isEqualTo(1);
    }

    @Test
    void theLastUnitRedeemedAtBothInstancesAtOnceGoesToOne() throws Exception {
        String slug = conference("last-unit");
        Order order = paidOrder(slug, 1);
        AtomicInteger turn = new AtomicInteger();
        List<Integer> statuses = Concurrently.run(12, () -> given().auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("access_code", order.code(), "line_item_id", order.shirtLine(),
                        "nonce", UUID.randomUUID().toString()))
                .post(checkins.get(turn.getAndIncrement() % 2) + "/api/conferences/" + slug + "/checkin/redeem")
                .statusCode());

        assertThat(statuses).containsOnlyOnce(200);
        assertThat(statuses.stream().filter(s -> s != 200)).containsOnly(409);
        assertThat(count(Service.CHECKIN, "SELECT count(*) FROM redemption WHERE line_item_id = " + order.shirtLine()))
                .isEqualTo(1);
    }

    @Test
    void fulfilAtBothInstancesAtOnceMakesExactlyQuantityCodes() throws Exception {
        String slug = conference("fulfil");
        long id = approvedBulkPurchase(slug, 25);
        AtomicInteger turn = new AtomicInteger();
        List<Integer> statuses = Concurrently.run(8, () -> given().auth().oauth2(token)
                .post(bulks.get(turn.getAndIncrement() % 2) + "/api/conferences/" + slug + "/bulk-purchases/" + id
                        + "/fulfill")
                .statusCode());

        assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(200, 201));
        assertThat(count(Service.BULK_PURCHASE, "SELECT count(*) FROM bulk_voucher WHERE bulk_purchase_id = " + id))
                .isEqualTo(25);
    }

    @Test
    void theLastTicketOnSaleOrderedAtBothCatalogInstancesAtOnceGoesToOne() throws Exception {
        String slug = conference("last-ticket");
        post("/conferences/" + slug + "/ticket-types",
                Map.of("slug", "vip", "name", "VIP", "price", "900", "capacity", 1), 201);
        AtomicInteger turn = new AtomicInteger();
        List<Integer> statuses = Concurrently.run(12, () -> given().auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("attendee", Map.of("name", "Ada", "email", "ada@example.org"), "ticket_type", "vip"))
                .post(catalogs.get(turn.getAndIncrement() % 2) + "/api/conferences/" + slug + "/orders")
                .statusCode());

        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses.stream().filter(s -> s != 201)).containsOnly(409);
        assertThat(count(Service.CATALOG, "SELECT count(*) FROM order_line l JOIN product p ON p.id = l.product_id"
                + " JOIN conference c ON c.id = p.conference_id WHERE c.slug = '" + slug + "' AND p.slug = 'vip'"))
                .isEqualTo(1);
    }

    @Test
    void theSamePaymentRecordedAtBothCatalogInstancesAtOnceCountsOnce() throws Exception {
        String slug = conference("payment");
        long order = post("/conferences/" + slug + "/orders", Map.of("attendee",
                Map.of("name", "Ada", "email", "ada@example.org"), "ticket_type", "regular"), 201).jsonPath().getLong("id");
        AtomicInteger turn = new AtomicInteger();
        List<Integer> statuses = Concurrently.run(12, () -> given().auth().oauth2(token)
                .contentType(ContentType.JSON).body(Map.of("reference", "psp-race-" + order))
                .post(catalogs.get(turn.getAndIncrement() % 2) + "/api/conferences/" + slug + "/orders/" + order
                        + "/payments")
                .statusCode());

        // the first records it, every other says it already has it
        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses.stream().filter(s -> s != 201)).containsOnly(200);
        assertThat(count(Service.CATALOG, "SELECT count(*) FROM payment WHERE order_id = " + order)).isEqualTo(1);
    }

    @Test
    void theSecondGatewayBalancesBetweenTheInstances() throws Exception {
        String slug = conference("balance");
        Order order = paidOrder(slug, 1);
        double firstBefore = scansServedBy(checkins.get(0));
        double secondBefore = scansServedBy(checkins.get(1));
        List<Integer> statuses = Concurrently.run(10, () -> given().auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("access_code", order.code(), "station", "Door B", "nonce", UUID.randomUUID().toString()))
                .post(secondGateway.baseUrl() + "/api/conferences/" + slug + "/checkin/scan").statusCode());

        assertThat(statuses).containsOnly(200);
        // each instance's own HTTP metrics: both served scans through the one gateway, turn about
        assertThat(scansServedBy(checkins.get(0)) - firstBefore).isEqualTo(5);
        assertThat(scansServedBy(checkins.get(1)) - secondBefore).isEqualTo(5);
    }

    @Test
    void oneRelayIsActivePerService() {
        for (List<String> instances : List.of(catalogs, checkins, bulks)) {
            List<String> roles = new ArrayList<>();
            for (String instance : instances) {
                roles.add(given().get(instance + "/q/health/ready").then().statusCode(200).extract()
                        .path("checks.find { it.name == 'outbox relay' }.data.role"));
            }
            assertThat(roles).containsExactlyInAnyOrder("leader", "standby");
        }
    }

    @Test
    void anInstanceKilledMidStreamLosesNoEventItsPartitionsMoveToTheOther() throws Exception {
        String slug = conference("rebalance");
        ServiceProcess doomed = stack.startAnother(Service.CHECKIN, Map.of());
        List<Long> paid = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            paid.add(paidOrder(slug, 0).id());
            if (i == 10) {
                doomed.kill();
            }
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> count(Service.CHECKIN,
                "SELECT count(*) FROM customer_order WHERE status = 'paid' AND id IN ("
                        + String.join(",", paid.stream().map(String::valueOf).toList()) + ")") == paid.size());
    }

    // ---------------------------------------------------------------------------------------------------

    record Order(long id, String code, long shirtLine) {
    }

    /** Scans answered 200 by one instance, from its Prometheus metrics. */
    private static double scansServedBy(String instance) {
        String metrics = given().get(instance + "/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")
                && line.contains("/checkin/scan") && line.contains("status=\"200\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static String conference(String name) {
        String slug = "scale-" + name + "-" + System.currentTimeMillis();
        post("/conferences", Map.of("slug", slug, "name", "Scale Conf", "start_date", "2027-06-01",
                "end_date", "2027-06-02", "time_zone", "Europe/Amsterdam"), 201);
        post("/conferences/" + slug + "/ticket-types",
                Map.of("slug", "regular", "name", "Regular", "price", "300", "bulk_enabled", true), 201);
        post("/conferences/" + slug + "/addons", Map.of("slug", "shirt", "name", "T-shirt", "price", "20"), 201);
        post("/conferences/" + slug + "/sponsors", Map.of("slug", "initech", "name", "Initech", "level", "silver"), 201);
        return slug;
    }

    /** A paid order (with {@code shirts} t-shirts), known as paid at the door before this returns when it has shirts. */
    private static Order paidOrder(String slug, int shirts) {
        Map<String, Object> request = shirts == 0
                ? Map.of("attendee", Map.of("name", "Ada", "email", "ada@example.org"), "ticket_type", "regular")
                : Map.of("attendee", Map.of("name", "Ada", "email", "ada@example.org"), "ticket_type", "regular",
                        "addons", List.of(Map.of("slug", "shirt", "quantity", shirts)));
        JsonPath order = post("/conferences/" + slug + "/orders", request, 201).jsonPath();
        long id = order.getLong("id");
        post("/conferences/" + slug + "/orders/" + id + "/payments", Map.of("reference", "psp-" + id), 201);
        String code = order.getString("attendee.access_code");
        long line = shirts == 0 ? 0 : order.getLong("line_items.find { it.addon_slug == 'shirt' }.id");
        if (shirts > 0) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> "paid".equals(
                    given().auth().oauth2(token).get(api("/conferences/" + slug + "/checkin/lookup/" + code))
                            .path("order_status")));
        }
        return new Order(id, code, line);
    }

    private static long approvedBulkPurchase(String slug, int quantity) {
        Map<String, Object> request = Arrange.compCodes(quantity);
        Response created = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(
                () -> given().auth().oauth2(token).contentType(ContentType.JSON).body(request)
                        .post(api("/conferences/" + slug + "/bulk-purchases")),
                response -> response.statusCode() == 201);
        long id = created.jsonPath().getLong("id");
        given().auth().oauth2(token).post(api("/conferences/" + slug + "/bulk-purchases/" + id + "/approve"))
                .then().statusCode(200);
        return id;
    }

    private static long count(Service service, String sql) throws Exception {
        try (Connection c = stack.database(service); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String api(String path) {
        return stack.gateway() + "/api" + path;
    }

    private static Response post(String path, Object body, int expected) {
        Response response = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(api(path));
        assertThat(response.statusCode()).as("POST %s: %s", path, response.asString()).isEqualTo(expected);
        return response;
    }
}
