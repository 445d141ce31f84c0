package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.repository.AttendeeRepository;
import org.confops.checkin.repository.CheckInRepository;
import org.confops.checkin.repository.RedemptionRepository;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.Concurrently;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Offline uploads: every item applied exactly once, whatever is replayed, whichever device is first. */
@QuarkusTest
class SyncTest {

    @Inject
    CheckInRepository checkIns;

    @Inject
    RedemptionRepository redemptions;

    @Inject
    AttendeeRepository attendees;

    private static Response sync(ConferenceRef conference, Object body) {
        return given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(body)
                .post(conference.base() + "/sync");
    }

    private static Map<String, Object> item(String type, AttendeeRef attendee, Object... more) {
        Map<String, Object> item = new HashMap<>();
        item.put("nonce", UUID.randomUUID().toString());
        item.put("type", type);
        item.put("access_code", attendee == null ? "NOPE0000" : attendee.accessCode());
        item.put("station", "Door B (offline)");
        for (int i = 0; i < more.length; i += 2) {
            item.put((String) more[i], more[i + 1]);
        }
        return item;
    }

    private long checkInsOf(AttendeeRef a) {
        return QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", a.id()));
    }

    private long redemptionsOf(long lineItemId) {
        return QuarkusTransaction.requiringNew().call(() -> redemptions.count("lineItemId", lineItemId));
    }

    @Test
    void queuedScansAndRedemptionsAreAppliedOnceAndAReplayChangesNothing() {
        ConferenceRef conference = conference();
        AttendeeRef a = attendee(conference, "paid", addon("lunch", "Lunch", 2));
        AttendeeRef b = attendee(conference, "paid");
        AttendeeRef c = attendee(conference, "partially_refunded");
        List<Map<String, Object>> items = List.of(item("scan", a), item("scan", b), item("scan", c),
                item("redeem", a, "line_item_id", a.line("lunch").id()));
        Map<String, Object> batch = Map.of("items", items);

        JsonPath first = sync(conference, batch).then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("results.status"))
                .containsExactly("checked_in", "checked_in", "checked_in", "redeemed");
        assertThat(first.getList("results.nonce")).containsExactlyElementsOf(items.stream().map(i -> i.get("nonce")).toList());
        assertThat(first.getString("server_time")).isNotBlank();

        JsonPath replay = sync(conference, batch).then().statusCode(200).extract().jsonPath();
        assertThat(replay.getList("results.status")).containsOnly("already_processed");
        assertThat(replay.getString("results[3].original.status")).isEqualTo("redeemed");
        // part of the batch again, in another order
        sync(conference, Map.of("items", List.of(items.get(2), items.get(0)))).then().statusCode(200)
                .body("results.status", equalTo(List.of("already_processed", "already_processed")));

        assertThat(checkInsOf(a)).isEqualTo(1);
        assertThat(checkInsOf(b)).isEqualTo(1);
        assertThat(checkInsOf(c)).isEqualTo(1);
        assertThat(redemptionsOf(a.line("lunch").id())).isEqualTo(1);
    }

    @Test
    void eachItemGetsItsOwnErrorWithAReason() {
        ConferenceRef conference = conference();
        AttendeeRef paid = attendee(conference, "paid", addon("tshirt", "T-shirt", 1));
        AttendeeRef unpaid = attendee(conference, "pending");
        AttendeeRef refunded = attendee(conference, "refunded");
        long tshirt = paid.line("tshirt").id();
        Map<String, Object> noNonce = item("scan", paid);
        noNonce.remove("nonce");

        JsonPath results = sync(conference, Map.of("items", List.of(
                item("scan", null),
                item("scan", unpaid),
                item("scan", refunded),
                item("redeem", paid, "line_item_id", tshirt),
                item("redeem", paid, "line_item_id", tshirt),
                item("scan", paid, "client_time", "yesterday"),
                noNonce,
                item("teleport", paid),
                "not an object"))).then().statusCode(200).extract().jsonPath();

        assertThat(results.getList("results.status")).containsExactly("error", "error", "error", "redeemed", "error",
                "error", "error", "error", "error");
        assertThat(results.getList("results.reason")).containsExactly("unknown_code", "not_paid", "not_paid", null,
                "fully_redeemed", "invalid", "invalid", "invalid", "invalid");
        assertThat(checkInsOf(paid)).isZero();
        assertThat(checkInsOf(unpaid)).isZero();
        assertThat(redemptionsOf(tshirt)).isEqualTo(1);
    }

    @Test
    void twoDevicesRedeemingTheLastUnitOfflineNeverCountTwice() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("dinner", "Dinner", 1));
        long dinner = ada.line("dinner").id();
        int devices = 6;

        // each device uploads its own redemption (its own nonce), then replays it
        List<String> outcomes = Concurrently.run(devices, () -> {
            Map<String, Object> body = Map.of("items", List.of(item("redeem", ada, "line_item_id", dinner)));
            return sync(conference, body).then().statusCode(200).extract().jsonPath().getString("results[0].status")
                    + "/" + sync(conference, body).then().extract().jsonPath().getString("results[0].status");
        });

        assertThat(outcomes).filteredOn(o -> o.startsWith("redeemed/")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.startsWith("error/")).hasSize(devices - 1);
        assertThat(outcomes).allMatch(o -> o.endsWith("/already_processed"));
        assertThat(redemptionsOf(dinner)).isEqualTo(1);
    }

    @Test
    void theSameNonceTwiceInOneUploadIsAppliedOnceAndAnsweredWithTheFirstAnswer() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        Map<String, Object> scan = item("scan", ada);
        JsonPath results = sync(conference, Map.of("items", List.of(scan, item("exit", ada), scan)))
                .then().statusCode(200).extract().jsonPath();
        assertThat(results.getList("results.status")).containsExactly("checked_in", "checked_out", "already_processed");
        assertThat(results.getLong("results[2].original.checkin_id")).isEqualTo(results.getLong("results[0].checkin_id"));
        assertThat(checkInsOf(ada)).isEqualTo(2);
    }

    @Test
    void theSameNonceSentByTwoDevicesAtOnceIsAppliedOnce() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        Map<String, Object> body = Map.of("items", List.of(item("scan", ada)));

        List<String> statuses = Concurrently.run(4, () -> sync(conference, body).then().statusCode(200)
                .extract().jsonPath().getString("results[0].status"));

        assertThat(statuses).containsOnlyOnce("checked_in");
        assertThat(statuses).filteredOn("already_processed"::equals).hasSize(3);
        assertThat(checkInsOf(ada)).isEqualTo(1);
    }

    @Test
    void anEarlierOfflineEntryBecomesTheFirstCheckInAndFutureTimesAreClamped() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        AttendeeRef bob = attendee(conference, "paid");
        given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON)
                .body(Map.of("access_code", ada.accessCode())).post(conference.base() + "/scan").then().statusCode(200);
        Instant earlier = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);

        sync(conference, Map.of("items", List.of(
                item("scan", ada, "client_time", earlier.toString()),
                item("scan", bob, "client_time", Instant.now().plus(3, ChronoUnit.DAYS).toString()))))
                .then().statusCode(200).body("results[0].reentry", equalTo(true));

        Attendee adaNow = QuarkusTransaction.requiringNew().call(() -> attendees.findById(ada.id()));
        Attendee bobNow = QuarkusTransaction.requiringNew().call(() -> attendees.findById(bob.id()));
        assertThat(adaNow.firstCheckedInAt).isEqualTo(earlier);
        assertThat(bobNow.firstCheckedInAt).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void anOnlineScanOrRedemptionResentAfterALostAnswerCountsOnce() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 3));
        long lunch = ada.line("lunch").id();
        String scanNonce = UUID.randomUUID().toString();
        String redeemNonce = UUID.randomUUID().toString();
        String token = volunteerToken(conference);
        Map<String, Object> scan = Map.of("access_code", ada.accessCode(), "station", "Door A", "nonce", scanNonce);
        Map<String, Object> redeem = Map.of("access_code", ada.accessCode(), "line_item_id", lunch, "nonce", redeemNonce);

        JsonPath first = given().auth().oauth2(token).contentType(ContentType.JSON).body(scan)
                .post(conference.base() + "/scan").then().statusCode(200).body("replayed", equalTo(false))
                .extract().jsonPath();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(scan).post(conference.base() + "/scan")
                .then().statusCode(200).body("replayed", equalTo(true)).body("reentry", equalTo(false))
                .body("checkin_id", equalTo(first.getInt("checkin_id")));
        JsonPath handedOut = given().auth().oauth2(token).contentType(ContentType.JSON).body(redeem)
                .post(conference.base() + "/redeem").then().statusCode(200).body("remaining", equalTo(2))
                .extract().jsonPath();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(redeem).post(conference.base() + "/redeem")
                .then().statusCode(200).body("replayed", equalTo(true))
                .body("redemption_id", equalTo(handedOut.getInt("redemption_id"))).body("remaining", equalTo(2));
        // the device had also queued both for upload: the server recognises them
        sync(conference, Map.of("items", List.of(
                Map.of("nonce", scanNonce, "type", "scan", "access_code", ada.accessCode()),
                Map.of("nonce", redeemNonce, "type", "redeem", "access_code", ada.accessCode(), "line_item_id", lunch))))
                .then().statusCode(200)
                .body("results.status", equalTo(List.of("already_processed", "already_processed")));

        assertThat(checkInsOf(ada)).isEqualTo(1);
        assertThat(redemptionsOf(lunch)).isEqualTo(1);
    }

    @Test
    void aRefusedOnlineScanRecordsNothingSoItsResendIsJudgedAfresh() {
        ConferenceRef conference = conference();
        AttendeeRef pending = attendee(conference, "pending");
        Map<String, Object> scan = Map.of("access_code", pending.accessCode(), "nonce", UUID.randomUUID().toString());
        String token = volunteerToken(conference);

        given().auth().oauth2(token).contentType(ContentType.JSON).body(scan).post(conference.base() + "/scan")
                .then().statusCode(409);
        org.confops.checkin.support.Fixtures.publishOrder(pending, "paid", 2);
        org.confops.checkin.support.Fixtures.awaitOrderStatus(pending, "paid");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(scan).post(conference.base() + "/scan")
                .then().statusCode(200).body("replayed", equalTo(false));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("access_code", pending.accessCode(), "nonce", "x".repeat(101)))
                .post(conference.base() + "/scan").then().statusCode(400);
        assertThat(checkInsOf(pending)).isEqualTo(1);
    }

    @Test
    void malformedBatchesAreRefused() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        sync(conference, "{oops").then().statusCode(400).body("error", equalTo("Invalid JSON body"));
        sync(conference, Map.of()).then().statusCode(400).body("error", equalTo("items must be a list of 1 to 500 entries"));
        sync(conference, Map.of("items", List.of())).then().statusCode(400);
        sync(conference, Map.of("items", "scan")).then().statusCode(400);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(item("scan", ada));
        }
        sync(conference, Map.of("items", tooMany)).then().statusCode(400);
        assertThat(checkInsOf(ada)).isZero();
        given().contentType(ContentType.JSON).body(Map.of("items", List.of(item("scan", ada))))
                .post(conference.base() + "/sync").then().statusCode(401);
    }
}
