package org.confops.checkin.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.confops.testinfra.ContractExamples;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Check-in's side of contracts/events.md: the documented examples of what it consumes, sent through the
 * broker, produce the documented effect; what it publishes has exactly the documented example's fields.
 */
@QuarkusTest
class ContractTest {

    @Test
    void consumedExamplesMakeTheExampleAttendeeScannableAndProducedEventsMatchTheirExamples() {
        ContractExamples.publish("conference.changed");
        ContractExamples.publish("order.changed");
        JsonNode attendee = ContractExamples.publish("attendee.changed");
        String slug = ContractExamples.example("conference.changed").get("data").get("slug").asText();
        String code = attendee.get("data").get("access_code").asText();
        String token = TestTokens.token("contract", "superuser");
        String base = "/api/conferences/" + slug + "/checkin";
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token)
                .get(base + "/lookup/" + code).statusCode() == 200);

        given().auth().oauth2(token).get(base + "/lookup/" + code).then().statusCode(200)
                .body("attendee.name", org.hamcrest.Matchers.equalTo("Ada Lovelace"))
                .body("attendee.ticket_type", org.hamcrest.Matchers.equalTo("Regular ticket"))
                .body("order_status", org.hamcrest.Matchers.equalTo("paid"))
                .body("redeemable[0].line_item_id", org.hamcrest.Matchers.equalTo(9302))
                .body("redeemable[0].quantity", org.hamcrest.Matchers.equalTo(3));
        // the example conference's key (signing_keys) verifies the example signed badge (contracts/badges.md)
        String badge = ContractExamples.example("badge").get("code").asText();
        given().auth().oauth2(token).get(base + "/lookup/" + badge).then().statusCode(200)
                .body("attendee.access_code", org.hamcrest.Matchers.equalTo(code));
        given().auth().oauth2(token).get(base + "/preload").then().statusCode(200)
                .body("signing_keys[0].key_id", org.hamcrest.Matchers.equalTo(7))
                .body("signing_keys[0].public_key", org.hamcrest.Matchers.equalTo(ContractExamples
                        .example("conference.changed").get("data").get("signing_keys").get(0).get("public_key")
                        .asText()));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("access_code", code))
                .post(base + "/scan").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("access_code", code, "line_item_id", 9302))
                .post(base + "/redeem").then().statusCode(200);
        long exit = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("access_code", code, "type", "exit", "station", "Door A"))
                .post(base + "/scan").then().statusCode(200).extract().jsonPath().getLong("checkin_id");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("checkin_id", exit, "reason", "scanned the wrong badge"))
                .post(base + "/annul").then().statusCode(200);

        for (String type : List.of("attendee.checked-in", "attendee.product-redeemed", "attendee.checked-out",
                "attendee.check-in-annulled")) {
            JsonNode documented = ContractExamples.example(type);
            List<Received> published = PlatformEvents.read(documented.get("topic").asText(),
                    r -> documented.get("key").asText().equals(r.key()) && type.equals(r.type()), 1,
                    Duration.ofSeconds(30));
            assertThat(published).as(type).hasSize(1);
            assertThat(ContractExamples.fieldPaths(published.get(0).data())).as(type)
                    .containsExactlyInAnyOrderElementsOf(ContractExamples.fieldPaths(documented.get("data")));
            assertThat(published.get(0).headers().get("ce_source")).isEqualTo(documented.get("source").asText());
        }
    }
}
