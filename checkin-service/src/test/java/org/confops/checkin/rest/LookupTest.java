package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.confops.checkin.repository.CheckInRepository;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class LookupTest {

    @Inject
    CheckInRepository checkIns;

    @Test
    void lookupShowsAttendeeProductsAndRedeemableAddOnsWithoutCheckingIn() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 3), addon("tshirt", "T-shirt", 1));
        String token = volunteerToken(conference);
        long lunch = ada.line("lunch").id();
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("access_code", ada.accessCode(), "line_item_id", lunch))
                .post(conference.base() + "/redeem").then().statusCode(200);

        given().auth().oauth2(token).get(conference.base() + "/lookup/" + ada.accessCode())
                .then().statusCode(200)
                .body("attendee.id", equalTo(ada.id()))
                .body("attendee.access_code", equalTo(ada.accessCode()))
                .body("attendee.name", equalTo(ada.name()))
                .body("attendee.ticket_type", equalTo("Regular ticket"))
                .body("attendee.checked_in", equalTo(false))
                .body("attendee.checked_in_at", nullValue())
                .body("order_status", equalTo("paid"))
                .body("products", hasSize(3))
                .body("redeemable", hasSize(2))
                .body("redeemable.find { it.line_item_id == " + lunch + " }.redeemed_count", equalTo(1))
                .body("redeemable.find { it.line_item_id == " + lunch + " }.remaining", equalTo(2))
                .body("redeemable.find { it.addon_slug == 'tshirt' }.remaining", equalTo(1));

        assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", ada.id()))).isZero();
    }

    @Test
    void lookupAnswersForUnpaidOrdersToo() {
        ConferenceRef conference = conference();
        AttendeeRef pending = attendee(conference, "pending");

        given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/lookup/" + pending.accessCode())
                .then().statusCode(200).body("order_status", equalTo("pending"));
    }

    @Test
    void unknownAndForeignCodesAreNotFound() {
        ConferenceRef ours = conference();
        ConferenceRef theirs = conference();
        AttendeeRef stranger = attendee(theirs, "paid");

        given().auth().oauth2(volunteerToken(ours)).get(ours.base() + "/lookup/" + stranger.accessCode())
                .then().statusCode(404)
                .body("error", equalTo("Attendee not found"))
                .body("access_code", equalTo(stranger.accessCode()));
        given().auth().oauth2(volunteerToken(ours)).get(ours.base() + "/lookup/ZZZZ9999")
                .then().statusCode(404).body("error", equalTo("Attendee not found"));
    }
}
