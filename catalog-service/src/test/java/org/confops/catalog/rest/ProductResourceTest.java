package org.confops.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.catalog.support.Catalog.addon;
import static org.confops.catalog.support.Catalog.as;
import static org.confops.catalog.support.Catalog.conference;
import static org.confops.catalog.support.Catalog.orderBody;
import static org.confops.catalog.support.Catalog.organizer;
import static org.confops.catalog.support.Catalog.placeOrder;
import static org.confops.catalog.support.Catalog.productBody;
import static org.confops.catalog.support.Catalog.ticketType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.time.Duration;
import java.util.Map;

import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProductResourceTest {

    @Test
    void organizerCreatesTicketTypesAndAddOnsAndTheirSnapshotsArePublished() {
        String conf = conference();
        Map<String, Object> body = productBody("regular", "450");
        body.put("bulk_enabled", true);
        body.put("capacity", 300);

        long id = as(organizer(conf)).body(body).post("/api/conferences/" + conf + "/ticket-types")
                .then().statusCode(201)
                .body("slug", equalTo("regular")).body("price", equalTo("450.00"))
                .body("bulk_enabled", equalTo(true)).body("active", equalTo(true)).body("capacity", equalTo(300))
                .extract().jsonPath().getLong("id");
        as(organizer(conf)).body(productBody("lunch", "30.5")).post("/api/conferences/" + conf + "/addons")
                .then().statusCode(201).body("price", equalTo("30.50")).body("bulk_enabled", equalTo(false));

        given().auth().oauth2(organizer(conf)).get("/api/conferences/" + conf + "/addons").then().statusCode(200)
                .body("slug", equalTo(java.util.List.of("lunch")));
        var events = PlatformEvents.read("catalog", r -> String.valueOf(id).equals(r.key())
                && "ticket-type.changed".equals(r.type()), 1, Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).data().get("price").asText()).isEqualTo("450.00");
        assertThat(events.get(0).data().get("bulk_enabled").asBoolean()).isTrue();
        assertThat(events.get(0).data().get("conference_slug").asText()).isEqualTo(conf);
    }

    @Test
    void invalidProductsAreRefused() {
        String conf = conference();
        Map<String, Object> body = productBody("UPPER case", "-1");
        body.put("capacity", -5);

        as(organizer(conf)).body(body).post("/api/conferences/" + conf + "/ticket-types").then().statusCode(400)
                .body("fields", hasKey("slug")).body("fields", hasKey("price")).body("fields", hasKey("capacity"));
        as(organizer(conf)).body(productBody("ok", "1.234")).post("/api/conferences/" + conf + "/addons")
                .then().statusCode(400).body("fields", hasKey("price"));
        as(organizer(conf)).body(Map.of("slug", "x", "name", "X", "price", "free"))
                .post("/api/conferences/" + conf + "/addons").then().statusCode(400).body("field", equalTo("price"));
        ticketType(conf, "regular", "10");
        as(organizer(conf)).body(productBody("regular", "20")).post("/api/conferences/" + conf + "/ticket-types")
                .then().statusCode(409).body("field", equalTo("slug"));
        // the same slug as an add-on is fine: kinds have their own names
        addon(conf, "regular", "5");
    }

    @Test
    void updateAndDeleteFollowTheRules() {
        String conf = conference();
        ticketType(conf, "regular", "100");
        ticketType(conf, "unsold", "100");
        placeOrder(conf, orderBody("regular", null, null));
        Map<String, Object> change = productBody("regular", "120");
        change.put("active", false);

        as(organizer(conf)).body(change).put("/api/conferences/" + conf + "/ticket-types/regular")
                .then().statusCode(200).body("price", equalTo("120.00")).body("active", equalTo(false));
        as(organizer(conf)).delete("/api/conferences/" + conf + "/ticket-types/regular").then().statusCode(409);
        as(organizer(conf)).delete("/api/conferences/" + conf + "/ticket-types/unsold").then().statusCode(204);
        given().auth().oauth2(organizer(conf)).get("/api/conferences/" + conf + "/ticket-types/unsold")
                .then().statusCode(404).body("error", equalTo("Ticket type not found"));
        as(organizer(conf)).body(productBody("x", "1")).put("/api/conferences/" + conf + "/addons/nothing")
                .then().statusCode(404).body("error", equalTo("Add-on not found"));
    }

    @Test
    void otherRolesReadButDoNotWriteAndStrangersDoNeither() {
        String conf = conference();
        String other = conference();
        ticketType(conf, "regular", "100");
        String volunteer = TestTokens.token("desk", "conference:" + conf + ":view_checkin");

        given().auth().oauth2(volunteer).get("/api/conferences/" + conf + "/ticket-types").then().statusCode(200);
        as(volunteer).body(productBody("vip", "1")).post("/api/conferences/" + conf + "/ticket-types")
                .then().statusCode(403);
        given().auth().oauth2(organizer(other)).get("/api/conferences/" + conf + "/ticket-types")
                .then().statusCode(403);
        as(organizer(other)).delete("/api/conferences/" + conf + "/ticket-types/regular").then().statusCode(403);
        given().get("/api/conferences/" + conf + "/ticket-types").then().statusCode(401);
    }

    @Test
    void sponsorsAreManagedLikeProducts() {
        String conf = conference();
        as(organizer(conf)).body(Map.of("slug", "acme", "name", "ACME Corp", "level", "gold"))
                .post("/api/conferences/" + conf + "/sponsors").then().statusCode(201).body("level", equalTo("gold"));
        as(organizer(conf)).body(Map.of("slug", "acme", "name", "ACME Corporation", "level", "platinum"))
                .put("/api/conferences/" + conf + "/sponsors/acme").then().statusCode(200)
                .body("name", equalTo("ACME Corporation"));
        as(organizer(conf)).body(Map.of("slug", "acme", "name", "Again", "level", "gold"))
                .post("/api/conferences/" + conf + "/sponsors").then().statusCode(409);
        as(organizer(conf)).body(Map.of("slug", "b", "name", "", "level", "gold"))
                .post("/api/conferences/" + conf + "/sponsors").then().statusCode(400).body("fields", hasKey("name"));
        given().auth().oauth2(organizer(conf)).get("/api/conferences/" + conf + "/sponsors").then().statusCode(200)
                .body("[0].level", equalTo("platinum"));
        given().auth().oauth2(organizer(conf)).get("/api/conferences/" + conf + "/sponsors/nobody")
                .then().statusCode(404);
    }
}
