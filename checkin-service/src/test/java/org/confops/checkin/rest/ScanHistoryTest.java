package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.awaitOrderStatus;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.publishOrder;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.confops.checkin.repository.CheckInRepository;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.platform.outbox.OutboxRepository;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Every scan is in the door's history, admitted or refused; a refusal changes nothing else. */
@QuarkusTest
class ScanHistoryTest {

    @Inject
    CheckInRepository checkIns;

    @Inject
    OutboxRepository outbox;

    private static Response scan(ConferenceRef conference, Map<String, Object> body) {
        return given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(body)
                .post(conference.base() + "/scan");
    }

    private static JsonPath scans(ConferenceRef conference, String query) {
        return given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/scans" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyScanIsLoggedWithResultReasonStationActorNonceAndBothClocks() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        AttendeeRef bob = attendee(conference, "pending");
        String nonce = UUID.randomUUID().toString();

        long checkinId = scan(conference, Map.of("access_code", ada.accessCode(), "station", "Door A", "nonce", nonce,
                "client_time", "2027-06-01T09:00:00+02:00")).then().statusCode(200).extract().jsonPath()
                .getLong("checkin_id");
        scan(conference, Map.of("access_code", "NOPE0000", "station", "Door A")).then().statusCode(404);
        scan(conference, Map.of("access_code", bob.accessCode(), "station", "Door B")).then().statusCode(409);
        scan(conference, Map.of("access_code", ada.accessCode(), "station", "Door B", "type", "exit"))
                .then().statusCode(200);
        // one refused offline, uploaded later
        given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("nonce", "offline-1", "type", "scan", "access_code", "GONE0000",
                        "station", "Door C", "client_time", "2027-06-01T08:30:00Z"))))
                .post(conference.base() + "/sync").then().statusCode(200).body("results[0].reason",
                        equalTo("unknown_code"));

        JsonPath all = scans(conference, "");
        assertThat(all.getLong("total")).isEqualTo(5);
        assertThat(all.getList("items.access_code")).containsExactly("GONE0000", ada.accessCode(), bob.accessCode(),
                "NOPE0000", ada.accessCode());
        assertThat(all.getList("items.result")).containsExactly("refused", "accepted", "refused", "refused",
                "accepted");
        assertThat(all.getList("items.reason")).containsExactly("unknown_code", null, "not_paid", "unknown_code",
                null);
        assertThat(all.getList("items.type")).containsExactly("entry", "exit", "entry", "entry", "entry");
        Map<String, Object> admitted = all.getMap("items[4]");
        assertThat(admitted).containsEntry("station", "Door A").containsEntry("nonce", nonce)
                .containsEntry("client_time", "2027-06-01T07:00:00Z").containsEntry("name", ada.name())
                .containsEntry("annulled", false);
        assertThat(((Number) admitted.get("checkin_id")).longValue()).isEqualTo(checkinId);
        assertThat(((Number) admitted.get("attendee_id")).longValue()).isEqualTo(ada.id());
        assertThat(all.getString("items[4].server_time")).isNotBlank();
        assertThat(all.getString("items[4].actor.subject")).isEqualTo("desk-" + conference.slug());
        assertThat(all.getString("items[2].error")).isEqualTo("Order is not paid");
        assertThat(all.getLong("items[2].attendee_id")).isEqualTo(bob.id());
        assertThat(all.getString("items[0].nonce")).isEqualTo("offline-1");
        assertThat(all.getString("items[0].station")).isEqualTo("Door C");
        assertThat(all.getString("items[0].client_time")).isEqualTo("2027-06-01T08:30:00Z");
        assertThat(all.getString("items[0].attendee_id")).isNull();

        assertThat(scans(conference, "?result=refused").getLong("total")).isEqualTo(3);
        assertThat(scans(conference, "?result=refused&reason=not_paid").getList("items.access_code"))
                .containsExactly(bob.accessCode());
        assertThat(scans(conference, "?station=Door A").getLong("total")).isEqualTo(2);
        assertThat(scans(conference, "?access_code=" + ada.accessCode()).getLong("total")).isEqualTo(2);
        assertThat(scans(conference, "?since=2999-01-01T00:00:00Z").getLong("total")).isZero();
        JsonPath firstPage = scans(conference, "?page_size=2");
        assertThat(firstPage.getList("items")).hasSize(2);
        assertThat(firstPage.getInt("pages")).isEqualTo(3);
        assertThat(scans(conference, "?page_size=2&page=3").getList("items.access_code"))
                .containsExactly(ada.accessCode());

        // the refusals changed nothing but the log
        assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", bob.id()))).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.count("recordKey", String.valueOf(bob.id()))))
                .isZero();
        JsonPath stats = given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/stats")
                .then().statusCode(200).extract().jsonPath();
        assertThat(stats.getLong("refused_scans.total")).isEqualTo(3);
        assertThat(stats.getLong("refused_scans.by_reason.find { it.reason == 'unknown_code' }.count")).isEqualTo(2);
        assertThat(stats.getLong("refused_scans.by_reason.find { it.reason == 'not_paid' }.count")).isEqualTo(1);
        assertThat(stats.getLong("checked_in")).isEqualTo(1);
    }

    @Test
    void aRefusedScanWithANonceIsLoggedAndItsResendJudgedAfresh() {
        ConferenceRef conference = conference();
        AttendeeRef bob = attendee(conference, "pending");
        String nonce = UUID.randomUUID().toString();

        scan(conference, Map.of("access_code", bob.accessCode(), "nonce", nonce)).then().statusCode(409);
        publishOrder(bob, "paid", 2);
        awaitOrderStatus(bob, "paid");
        scan(conference, Map.of("access_code", bob.accessCode(), "nonce", nonce)).then().statusCode(200);
        scan(conference, Map.of("access_code", bob.accessCode(), "nonce", nonce)).then().statusCode(200)
                .body("replayed", equalTo(true));

        JsonPath log = scans(conference, "");
        assertThat(log.getList("items.result")).containsExactly("accepted", "refused");
        assertThat(log.getList("items.nonce")).containsOnly(nonce);
        assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", bob.id()))).isEqualTo(1);
    }

    @Test
    void handOutsAndDoorChecksAreLoggedTooWithTheirOwnReasons() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 1));
        long lunch = ada.line("lunch").id();
        String token = volunteerToken(conference);
        for (int status : new int[] { 200, 409 }) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("access_code", ada.accessCode(), "line_item_id", lunch))
                    .post(conference.base() + "/redeem").then().statusCode(status);
        }
        for (String product : List.of("tutorial", "lunch")) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("access_code", ada.accessCode(), "product", product, "station", "Room 1"))
                    .post(conference.base() + "/door-check");
        }

        JsonPath redeems = scans(conference, "?type=redeem");
        assertThat(redeems.getList("items.result")).containsExactly("refused", "accepted");
        assertThat(redeems.getList("items.reason")).containsExactly("fully_redeemed", null);
        assertThat(redeems.getList("items.line_item_id", Long.class)).containsOnly(lunch);
        JsonPath doors = scans(conference, "?type=door_check");
        assertThat(doors.getList("items.result")).containsExactly("accepted", "refused");
        assertThat(doors.getList("items.reason")).containsExactly(null, "product");
        assertThat(doors.getList("items.product")).containsExactly("lunch", "tutorial");
        assertThat(doors.getList("items.station")).containsOnly("Room 1");
        assertThat(scans(conference, "?type=entry").getLong("total")).isZero();
        JsonPath stats = given().auth().oauth2(token).get(conference.base() + "/stats").then().statusCode(200)
                .extract().jsonPath();
        assertThat(stats.getLong("refused_scans.total")).isEqualTo(2);
    }

    @Test
    void badFiltersAreRefusedWithJsonAndOtherConferencesStaffIsForbidden() {
        ConferenceRef conference = conference();
        String token = volunteerToken(conference);
        for (String query : List.of("?result=maybe", "?type=dance", "?since=yesterday", "?page=0",
                "?page_size=1000")) {
            given().auth().oauth2(token).get(conference.base() + "/scans" + query).then().statusCode(400)
                    .contentType(ContentType.JSON).body("error", org.hamcrest.Matchers.notNullValue());
        }
        given().auth().oauth2(TestTokens.token("stranger", "conference:elsewhere:view_checkin"))
                .get(conference.base() + "/scans").then().statusCode(403);
    }
}
