package org.confops.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.catalog.support.Catalog.addon;
import static org.confops.catalog.support.Catalog.as;
import static org.confops.catalog.support.Catalog.conference;
import static org.confops.catalog.support.Catalog.orderBody;
import static org.confops.catalog.support.Catalog.orders;
import static org.confops.catalog.support.Catalog.organizer;
import static org.confops.catalog.support.Catalog.placeOrder;
import static org.confops.catalog.support.Catalog.productBody;
import static org.confops.catalog.support.Catalog.ticketType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.confops.testinfra.Concurrently;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OrderResourceTest {

    private static String withShop() {
        String conf = conference();
        ticketType(conf, "regular", "450");
        addon(conf, "lunch", "30");
        addon(conf, "tshirt", "20");
        return conf;
    }

    @Test
    void placingAnOrderPricesItAndRegistersTheAttendeeWithAnAccessCode() {
        String conf = withShop();

        JsonPath order = placeOrder(conf, orderBody("regular",
                List.of(Map.of("slug", "lunch", "quantity", 3), Map.of("slug", "tshirt", "quantity", 1)), null));

        assertThat(order.getString("status")).isEqualTo("pending");
        assertThat(order.getString("reference")).startsWith("ORD-");
        assertThat(order.getString("currency")).isEqualTo("EUR");
        assertThat(order.getString("subtotal")).isEqualTo("560.00");
        assertThat(order.getString("discount")).isEqualTo("0.00");
        assertThat(order.getString("total")).isEqualTo("560.00");
        assertThat(order.getList("line_items")).hasSize(3);
        assertThat(order.getString("line_items.find { it.addon_slug == 'lunch' }.line_total")).isEqualTo("90.00");
        assertThat(order.getString("line_items.find { it.kind == 'ticket' }.ticket_type_slug")).isEqualTo("regular");
        assertThat(order.getString("attendee.access_code")).matches("[A-Z0-9]{8}");
        assertThat(order.getString("attendee.name")).isEqualTo("Grace Hopper");
        given().auth().oauth2(organizer(conf)).get(orders(conf) + "/" + order.getLong("id")).then().statusCode(200)
                .body("attendee.access_code", equalTo(order.getString("attendee.access_code")));
    }

    @Test
    void badOrdersAreRefusedNamingTheField() {
        String conf = withShop();
        Map<String, Object> inactive = productBody("old", "10");
        inactive.put("active", false);
        ticketType(conf, inactive);

        as(organizer(conf)).body(orderBody("nosuch", null, null)).post(orders(conf)).then().statusCode(422)
                .body("field", equalTo("ticket_type")).body("error", equalTo("Unknown ticket type nosuch"));
        as(organizer(conf)).body(orderBody("old", null, null)).post(orders(conf)).then().statusCode(422)
                .body("error", equalTo("The ticket type old is not on sale"));
        as(organizer(conf)).body(orderBody(null, null, null)).post(orders(conf)).then().statusCode(422)
                .body("field", equalTo("ticket_type"));
        as(organizer(conf)).body(orderBody(null, List.of(Map.of("slug", "lunch", "quantity", 1),
                Map.of("slug", "lunch", "quantity", 2)), null)).post(orders(conf)).then().statusCode(422)
                .body("field", equalTo("addons"));
        as(organizer(conf)).body(orderBody("regular", List.of(Map.of("slug", "lunch", "quantity", 0)), null))
                .post(orders(conf)).then().statusCode(400).body("fields", hasKey("addons[0].quantity"));
        as(organizer(conf)).body(Map.of("attendee", Map.of("name", "X", "email", "not-an-email"),
                "ticket_type", "regular")).post(orders(conf)).then().statusCode(400)
                .body("fields", hasKey("attendee.email"));
        as(organizer(conf)).body(Map.of("ticket_type", "regular")).post(orders(conf)).then().statusCode(400)
                .body("fields", hasKey("attendee"));
        given().auth().oauth2(organizer(conf)).get(orders(conf)).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void paymentIsRecordedOnceAndRepeatingItsReferenceChangesNothing() {
        String conf = withShop();
        JsonPath order = placeOrder(conf, orderBody("regular", null, null));
        String pay = orders(conf) + "/" + order.getLong("id") + "/payments";

        as(organizer(conf)).body(Map.of("reference", "psp-1", "amount", "450.00")).post(pay).then().statusCode(201)
                .body("status", equalTo("paid")).body("payments", hasSize(1))
                .body("payments[0].recorded_by", equalTo(TestTokens.displayName("organizer-" + conf)));
        as(organizer(conf)).body(Map.of("reference", "psp-1")).post(pay).then().statusCode(200)
                .body("status", equalTo("paid")).body("payments", hasSize(1));
        as(organizer(conf)).body(Map.of("reference", "psp-2")).post(pay).then().statusCode(409)
                .body("error", equalTo("Order is not pending")).body("status", equalTo("paid"));
    }

    @Test
    void paymentMustMatchTheTotalAndNeedsAReference() {
        String conf = withShop();
        JsonPath order = placeOrder(conf, orderBody("regular", null, null));
        String pay = orders(conf) + "/" + order.getLong("id") + "/payments";

        as(organizer(conf)).body(Map.of("reference", "psp-1", "amount", "400")).post(pay).then().statusCode(422)
                .body("field", equalTo("amount"));
        as(organizer(conf)).body(Map.of("amount", "450")).post(pay).then().statusCode(400)
                .body("fields", hasKey("reference"));
        given().auth().oauth2(organizer(conf)).get(orders(conf) + "/" + order.getLong("id")).then()
                .body("status", equalTo("pending"));
    }

    @Test
    void refundsMovePaidOrdersToPartiallyRefundedThenRefunded() {
        String conf = withShop();
        JsonPath order = placeOrder(conf, orderBody("regular", List.of(Map.of("slug", "lunch", "quantity", 1)), null));
        String base = orders(conf) + "/" + order.getLong("id");
        as(organizer(conf)).body(Map.of("refund", 1)).post(base + "/refunds").then().statusCode(409)
                .body("error", equalTo("Only paid orders can be refunded"));
        as(organizer(conf)).body(Map.of("reference", "psp-1")).post(base + "/payments").then().statusCode(201);

        as(organizer(conf)).body(Map.of("amount", "30", "reason", "no lunch")).post(base + "/refunds")
                .then().statusCode(200).body("status", equalTo("partially_refunded"))
                .body("refunded_amount", equalTo("30.00")).body("refunds[0].reason", equalTo("no lunch"));
        as(organizer(conf)).body(Map.of("amount", "999")).post(base + "/refunds").then().statusCode(422)
                .body("field", equalTo("amount"));
        as(organizer(conf)).body(Map.of("amount", "0")).post(base + "/refunds").then().statusCode(400)
                .body("fields", hasKey("amount"));
        as(organizer(conf)).body(Map.of()).post(base + "/refunds").then().statusCode(200)
                .body("status", equalTo("refunded")).body("refunded_amount", equalTo("480.00"));
        as(organizer(conf)).body(Map.of()).post(base + "/refunds").then().statusCode(409);
    }

    @Test
    void onlyPendingOrdersCanBeCancelled() {
        String conf = withShop();
        JsonPath pending = placeOrder(conf, orderBody("regular", null, null));
        JsonPath paid = placeOrder(conf, orderBody("regular", null, null));
        as(organizer(conf)).body(Map.of("reference", "psp")).post(orders(conf) + "/" + paid.getLong("id") + "/payments")
                .then().statusCode(201);

        as(organizer(conf)).post(orders(conf) + "/" + pending.getLong("id") + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        as(organizer(conf)).post(orders(conf) + "/" + pending.getLong("id") + "/cancel").then().statusCode(409);
        as(organizer(conf)).post(orders(conf) + "/" + paid.getLong("id") + "/cancel").then().statusCode(409)
                .body("status", equalTo("paid"));
        as(organizer(conf)).body(Map.of("reference", "late")).post(orders(conf) + "/" + pending.getLong("id")
                + "/payments").then().statusCode(409);
    }

    @Test
    void ordersAreScopedToTheirConference() {
        String conf = withShop();
        String other = withShop();
        JsonPath theirs = placeOrder(other, orderBody("regular", null, null));

        given().auth().oauth2(organizer(conf)).get(orders(conf) + "/" + theirs.getLong("id")).then().statusCode(404)
                .body("error", equalTo("Order not found"));
        as(organizer(conf)).body(Map.of("reference", "x")).post(orders(conf) + "/" + theirs.getLong("id")
                + "/payments").then().statusCode(404);
        as(organizer(conf)).post(orders(other) + "/" + theirs.getLong("id") + "/cancel").then().statusCode(403);
        as(TestTokens.token("desk", "conference:" + other + ":view_checkin")).body(orderBody("regular", null, null))
                .post(orders(other)).then().statusCode(403);
        given().auth().oauth2(organizer(conf)).get(orders(conf) + "/not-a-number").then().statusCode(404);
    }

    @Test
    void listsArePagedNewestFirstAndFilterByStatus() {
        String conf = withShop();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(placeOrder(conf, orderBody("regular", null, null)).getLong("id"));
        }
        as(organizer(conf)).body(Map.of("reference", "p")).post(orders(conf) + "/" + ids.get(0) + "/payments")
                .then().statusCode(201);

        JsonPath first = given().auth().oauth2(organizer(conf)).queryParam("page_size", 2).queryParam("page", 1)
                .get(orders(conf)).then().statusCode(200).body("total", equalTo(5)).body("pages", equalTo(3))
                .extract().jsonPath();
        assertThat(first.getList("items.id", Long.class)).containsExactly(ids.get(4), ids.get(3));
        JsonPath last = given().auth().oauth2(organizer(conf)).queryParam("page_size", 2).queryParam("page", 3)
                .get(orders(conf)).then().statusCode(200).extract().jsonPath();
        assertThat(last.getList("items.id", Long.class)).containsExactly(ids.get(0));
        given().auth().oauth2(organizer(conf)).queryParam("status", "paid").get(orders(conf))
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(ids.get(0).intValue()));
        given().auth().oauth2(organizer(conf)).queryParam("status", "bogus").get(orders(conf))
                .then().statusCode(400).body("field", equalTo("status"));
        given().auth().oauth2(organizer(conf)).queryParam("page", "zero").get(orders(conf))
                .then().statusCode(400).body("field", equalTo("page"));
        given().auth().oauth2(organizer(conf)).get("/api/conferences/" + conf + "/attendees").then().statusCode(200)
                .body("total", equalTo(5))
                .body("items[0].access_code", matchesPattern("[A-Z0-9]{8}"));
    }

    @Test
    void capacityIsNeverOversoldEvenInParallel() throws Exception {
        String conf = conference();
        Map<String, Object> limited = productBody("limited", "10");
        limited.put("capacity", 3);
        ticketType(conf, limited);
        int attempts = 12;

        List<Integer> statuses = Concurrently.run(attempts,
                () -> as(organizer(conf)).body(orderBody("limited", null, null)).post(orders(conf)).statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - 3);
        as(organizer(conf)).body(orderBody("limited", null, null)).post(orders(conf)).then().statusCode(409)
                .body("error", equalTo("Sold out"));
    }

    @Test
    void ordersAreFoundByAttendeeNameEmailOrAccessCode() {
        String conf = withShop();
        Map<String, Object> ada = orderBody("regular", null, null);
        ada.put("attendee", Map.of("name", "Ada Lovelace", "email", "ada@analytical.example"));
        JsonPath first = placeOrder(conf, ada);
        Map<String, Object> alan = orderBody("regular", null, null);
        alan.put("attendee", Map.of("name", "Alan Turing", "email", "alan_t@bletchley.example"));
        JsonPath second = placeOrder(conf, alan);
        String token = organizer(conf);

        given().auth().oauth2(token).get(orders(conf) + "?q=lovelace").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(first.getInt("id")));
        given().auth().oauth2(token).get(orders(conf) + "?q=BLETCHLEY").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].attendee.name", equalTo("Alan Turing"));
        String code = second.getString("attendee.access_code");
        given().auth().oauth2(token).get(orders(conf) + "?q=" + code.toLowerCase()).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].attendee.access_code", equalTo(code));
        // like-wildcards are taken literally; a status narrows the search
        given().auth().oauth2(token).get(orders(conf) + "?q=%25").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token).get(orders(conf) + "?q=_t@").then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(token).get(orders(conf) + "?q=a&status=paid").then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(token).get(orders(conf) + "?q=a").then().statusCode(200).body("total", equalTo(2))
                .body("items[0].id", equalTo(second.getInt("id")));
        given().auth().oauth2(token).get(orders(conf) + "?q=" + "x".repeat(201)).then().statusCode(400)
                .body("field", equalTo("q"));
    }
}
