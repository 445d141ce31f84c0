package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.confops.checkin.domain.CheckIn;
import org.confops.checkin.repository.CheckInRepository;
import org.confops.platform.outbox.OutboxRepository;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ScanTest {

    @Inject
    CheckInRepository checkIns;

    @Inject
    OutboxRepository outbox;

    private static Response scan(ConferenceRef conference, String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post(conference.base() + "/scan");
    }

    @Test
    void scanOfPaidAttendeeChecksInWithBadgeAndProducts() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 2));

        scan(conference, volunteerToken(conference), Map.of("access_code", ada.accessCode(), "station", "Door A"))
                .then().statusCode(200)
                .body("status", equalTo("checked_in"))
                .body("attendee.id", equalTo(ada.id()))
                .body("attendee.access_code", equalTo(ada.accessCode()))
                .body("attendee.name", equalTo(ada.name()))
                .body("attendee.email", equalTo("a" + ada.id() + "@example.org"))
                .body("attendee.checked_in", equalTo(true))
                .body("attendee.checked_in_at", notNullValue())
                .body("badge.name", equalTo(ada.name()))
                .body("badge.ticket_type", equalTo("Regular ticket"))
                .body("products", hasSize(2))
                .body("products.find { it.addon_slug == 'lunch' }.quantity", equalTo(2))
                .body("products.find { it.addon_slug == 'lunch' }.description", equalTo("Lunch"))
                .body("products.find { it.ticket_type_slug == 'regular' }.description", equalTo("Regular ticket"))
                .body("order_status", equalTo("paid"))
                .body("checkin_id", notNullValue())
                .body("reentry", equalTo(false))
                .body("station", equalTo("Door A"));
    }

    @Test
    void scanRecordsWhoCheckedTheAttendeeIn() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");

        long checkinId = scan(conference, volunteerToken(conference), Map.of("access_code", ada.accessCode()))
                .then().statusCode(200).extract().jsonPath().getLong("checkin_id");

        CheckIn recorded = QuarkusTransaction.requiringNew().call(() -> checkIns.findById(checkinId));
        assertThat(recorded.attendeeId).isEqualTo(ada.id());
        assertThat(recorded.actorSubject).isEqualTo("desk-" + conference.slug());
        assertThat(recorded.actorName).isEqualTo(TestTokens.displayName("desk-" + conference.slug()));
        assertThat(recorded.station).isNull();
    }

    @Test
    void secondScanIsAReentryThatKeepsTheFirstTime() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        String token = volunteerToken(conference);

        Response first = scan(conference, token, Map.of("access_code", ada.accessCode()));
        Response second = scan(conference, token, Map.of("access_code", ada.accessCode(), "station", "Door B"));

        first.then().statusCode(200).body("reentry", equalTo(false));
        second.then().statusCode(200).body("reentry", equalTo(true));
        String firstTime = first.path("checked_in_at");
        assertThat(second.<String>path("attendee.checked_in_at")).isEqualTo(firstTime);
        assertThat(second.<String>path("checked_in_at")).isNotEqualTo(firstTime);
        assertThat(second.<Integer>path("checkin_id")).isNotEqualTo(first.<Integer>path("checkin_id"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", ada.id())))
                .isEqualTo(2);
    }

    @Test
    void oneBadgeScannedAtEightDesksAtOnceIsOneFirstEntryAndSevenReentries() throws Exception {
        ConferenceRef conference = conference();
        String token = volunteerToken(conference);
        int desks = 8;
        ExecutorService pool = Executors.newFixedThreadPool(desks);
        try {
            // several badges, one after another: a lost lock shows in some round even when the threads happen to
            // be served one at a time in another
            for (int round = 0; round < 5; round++) {
                AttendeeRef ada = attendee(conference, "paid");
                List<Response> responses = scanAtOnce(pool, desks, conference, token, ada);
                responses.forEach(response -> response.then().statusCode(200));
                // the row lock orders them: exactly one saw the badge unused, and every answer names that first time
                List<Response> firsts = responses.stream().filter(response -> !response.<Boolean>path("reentry"))
                        .toList();
                assertThat(firsts).hasSize(1);
                assertThat(responses).extracting(response -> response.<String>path("attendee.checked_in_at"))
                        .containsOnly(firsts.get(0).<String>path("checked_in_at"));
                assertThat(responses).extracting(response -> response.<Integer>path("checkin_id"))
                        .doesNotHaveDuplicates();
                assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", ada.id())))
                        .isEqualTo(desks);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Response> scanAtOnce(ExecutorService pool, int desks, ConferenceRef conference, String token,
            AttendeeRef attendee) throws Exception {
        CountDownLatch ready = new CountDownLatch(desks);
        List<Future<Response>> answers = new ArrayList<>();
        for (int desk = 0; desk < desks; desk++) {
            String station = "Desk " + desk;
            answers.add(pool.submit(() -> {
                ready.countDown();
                ready.await();
                return scan(conference, token, Map.of("access_code", attendee.accessCode(), "station", station));
            }));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            responses.add(answer.get(30, TimeUnit.SECONDS));
        }
        return responses;
    }

    @Test
    void codesAreTrimmed() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");

        scan(conference, volunteerToken(conference), Map.of("access_code", "  " + ada.accessCode() + "\n"))
                .then().statusCode(200).body("attendee.access_code", equalTo(ada.accessCode()));
    }

    @Test
    void partiallyRefundedOrderIsAdmitted() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "partially_refunded");

        scan(conference, volunteerToken(conference), Map.of("access_code", ada.accessCode()))
                .then().statusCode(200).body("order_status", equalTo("partially_refunded"));
    }

    @Test
    void unpaidRefundedAndCancelledOrdersAreRefusedWithTheirStatus() {
        ConferenceRef conference = conference();
        for (String status : new String[] { "pending", "refunded", "cancelled" }) {
            AttendeeRef attendee = attendee(conference, status);
            scan(conference, volunteerToken(conference), Map.of("access_code", attendee.accessCode()))
                    .then().statusCode(409)
                    .body("error", equalTo("Order is not paid"))
                    .body("access_code", equalTo(attendee.accessCode()))
                    .body("order_status", equalTo(status))
                    .body("name", equalTo(attendee.name()));
            assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", attendee.id())))
                    .isZero();
        }
    }

    @Test
    void unknownCodeIsNotFound() {
        ConferenceRef conference = conference();

        scan(conference, volunteerToken(conference), Map.of("access_code", "NOPE1234"))
                .then().statusCode(404)
                .body("error", equalTo("Attendee not found"))
                .body("access_code", equalTo("NOPE1234"));
    }

    @Test
    void codeOfAnotherConferenceIsNotFound() {
        ConferenceRef ours = conference();
        ConferenceRef theirs = conference();
        AttendeeRef stranger = attendee(theirs, "paid");

        scan(ours, volunteerToken(ours), Map.of("access_code", stranger.accessCode()))
                .then().statusCode(404).body("error", equalTo("Attendee not found"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", stranger.id())))
                .isZero();
    }

    @Test
    void malformedBodiesAreRejectedAndChangeNothing() {
        ConferenceRef conference = conference();
        String token = volunteerToken(conference);
        long outboxBefore = QuarkusTransaction.requiringNew().call(() -> outbox.count());

        for (String body : new String[] { "{not json", "[1,2]", "\"ABC\"", "", "null" }) {
            scan(conference, token, body).then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("Invalid JSON body"));
        }
        for (String body : new String[] { "{}", "{\"access_code\":\"   \"}", "{\"access_code\":null}",
                "{\"station\":\"Door A\"}" }) {
            scan(conference, token, body).then().statusCode(400)
                    .body("error", equalTo("access_code is required"));
        }
        scan(conference, token, Map.of("access_code", "X", "station", "x".repeat(101)))
                .then().statusCode(400).body("error", equalTo("station must be at most 100 characters"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.count())).isEqualTo(outboxBefore);
    }

    @Test
    void attendeeWithoutAKnownOrderIsRefused() {
        ConferenceRef conference = conference();
        AttendeeRef orphan = new AttendeeRef(conference, org.confops.checkin.support.Fixtures.nextId(),
                org.confops.checkin.support.Fixtures.nextId(), org.confops.checkin.support.Fixtures.accessCode(),
                "Orphan", java.util.List.of());
        org.confops.checkin.support.Fixtures.publishAttendee(orphan, 1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> given()
                .auth().oauth2(volunteerToken(conference))
                .get(conference.base() + "/lookup/" + orphan.accessCode()).statusCode() == 200);

        scan(conference, volunteerToken(conference), Map.of("access_code", orphan.accessCode()))
                .then().statusCode(409)
                .body("error", equalTo("Attendee has no order"))
                .body("order_status", nullValue());
    }
}
