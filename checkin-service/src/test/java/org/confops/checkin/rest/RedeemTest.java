package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.confops.checkin.domain.Redemption;
import org.confops.checkin.repository.LineItemRepository;
import org.confops.checkin.repository.RedemptionRepository;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.Concurrently;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class RedeemTest {

    @Inject
    RedemptionRepository redemptions;

    @Inject
    LineItemRepository lineItems;

    private static Response redeem(ConferenceRef conference, Object body) {
        return given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(body)
                .post(conference.base() + "/redeem");
    }

    private long redeemedCount(long lineItemId) {
        return QuarkusTransaction.requiringNew().call(() -> redemptions.count("lineItemId", lineItemId));
    }

    @Test
    void redeemHandsOutUnitsUntilTheQuantityIsUsedUp() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 2));
        long lunch = ada.line("lunch").id();
        Map<String, Object> body = Map.of("access_code", ada.accessCode(), "line_item_id", lunch);

        redeem(conference, body).then().statusCode(200)
                .body("status", equalTo("redeemed"))
                .body("redemption_id", notNullValue())
                .body("line_item_id", equalTo(lunch))
                .body("description", equalTo("Lunch"))
                .body("redeemed_count", equalTo(1))
                .body("remaining", equalTo(1))
                .body("attendee.access_code", equalTo(ada.accessCode()));
        redeem(conference, body).then().statusCode(200).body("redeemed_count", equalTo(2)).body("remaining", equalTo(0));
        redeem(conference, body).then().statusCode(409)
                .body("error", equalTo("Product already fully redeemed"))
                .body("line_item_id", equalTo(lunch));

        assertThat(redeemedCount(lunch)).isEqualTo(2);
    }

    @Test
    void redemptionRecordsWhoHandedTheProductOut() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("tshirt", "T-shirt", 1));

        long id = redeem(conference, Map.of("access_code", ada.accessCode(), "line_item_id", ada.line("tshirt").id()))
                .then().statusCode(200).extract().jsonPath().getLong("redemption_id");

        Redemption recorded = QuarkusTransaction.requiringNew().call(() -> redemptions.findById(id));
        assertThat(recorded.attendeeId).isEqualTo(ada.id());
        assertThat(recorded.actorSubject).isEqualTo("desk-" + conference.slug());
        assertThat(recorded.actorName).isEqualTo(TestTokens.displayName("desk-" + conference.slug()));
        assertThat(recorded.redeemedAt).isNotNull();
    }

    @Test
    void lineItemIdGivenAsDigitsIsAccepted() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 1));

        redeem(conference, "{\"access_code\":\"" + ada.accessCode() + "\",\"line_item_id\":\""
                + ada.line("lunch").id() + "\"}").then().statusCode(200);
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 1));
        long lunch = ada.line("lunch").id();
        String code = ada.accessCode();

        redeem(conference, "{oops").then().statusCode(400).body("error", equalTo("Invalid JSON body"));
        redeem(conference, "[]").then().statusCode(400).body("error", equalTo("Invalid JSON body"));
        redeem(conference, Map.of("access_code", code)).then().statusCode(400)
                .body("error", equalTo("access_code and a valid integer line_item_id are required"));
        redeem(conference, Map.of("line_item_id", lunch)).then().statusCode(400)
                .body("error", equalTo("access_code and a valid integer line_item_id are required"));
        for (String bad : new String[] { "\"abc\"", "1.5", "true", "{}", "\"99999999999999999999999\"" }) {
            redeem(conference, "{\"access_code\":\"" + code + "\",\"line_item_id\":" + bad + "}")
                    .then().statusCode(400).body("error", equalTo("access_code and a valid integer line_item_id are required"));
        }
        redeem(conference, Map.of("access_code", "NOPE0000", "line_item_id", lunch)).then().statusCode(404)
                .body("error", equalTo("Attendee not found"));

        assertThat(redeemedCount(lunch)).isZero();
    }

    @Test
    void lineItemOfAnotherAttendeeOrATicketLineIsRefused() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 1));
        AttendeeRef bob = attendee(conference, "paid", addon("lunch", "Lunch", 1));

        redeem(conference, Map.of("access_code", ada.accessCode(), "line_item_id", bob.line("lunch").id()))
                .then().statusCode(400).body("error", equalTo("Line item not found in attendee's order"));
        redeem(conference, Map.of("access_code", ada.accessCode(), "line_item_id", ada.line("regular").id()))
                .then().statusCode(400).body("error", equalTo("Line item is not a redeemable product"));

        assertThat(redeemedCount(bob.line("lunch").id())).isZero();
    }

    @Test
    void unpaidOrderCannotRedeem() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "refunded", addon("lunch", "Lunch", 1));

        redeem(conference, Map.of("access_code", ada.accessCode(), "line_item_id", ada.line("lunch").id()))
                .then().statusCode(409).body("order_status", equalTo("refunded"));
        assertThat(redeemedCount(ada.line("lunch").id())).isZero();
    }

    @Test
    void parallelRedemptionsNeverExceedTheQuantity() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("dinner", "Dinner", 3));
        long dinner = ada.line("dinner").id();
        Map<String, Object> body = Map.of("access_code", ada.accessCode(), "line_item_id", dinner);
        String token = volunteerToken(conference);
        int attempts = 24;

        List<Integer> statuses = Concurrently.run(attempts, () -> given().auth().oauth2(token)
                .contentType(ContentType.JSON).body(body).post(conference.base() + "/redeem").statusCode());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - 3);
        assertThat(redeemedCount(dinner)).isEqualTo(3);
        assertThat(QuarkusTransaction.requiringNew().call(() -> lineItems.findById(dinner).redeemedCount))
                .isEqualTo(3);
    }
}
