package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.checkin.domain.CheckIn;
import org.confops.checkin.repository.CheckInRepository;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Undoing a mistaken check-in: who may, until when, and that every figure is right afterwards. */
@QuarkusTest
class AnnulTest {

    @Inject
    CheckInRepository checkIns;

    @Inject
    EntityManager em;

    private static Response post(String token, ConferenceRef conference, String path, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(conference.base() + path);
    }

    private static long scan(String token, ConferenceRef conference, AttendeeRef attendee, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("access_code", attendee.accessCode(), "station", "Door A"));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return post(token, conference, "/scan", body).then().statusCode(200).extract().jsonPath()
                .getLong("checkin_id");
    }

    private static JsonPath stats(ConferenceRef conference) {
        return given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/stats").then()
                .statusCode(200).extract().jsonPath();
    }

    private static JsonPath lookup(ConferenceRef conference, AttendeeRef attendee) {
        return given().auth().oauth2(volunteerToken(conference))
                .get(conference.base() + "/lookup/" + attendee.accessCode()).then().statusCode(200).extract()
                .jsonPath();
    }

    private CheckIn checkIn(long id) {
        return QuarkusTransaction.requiringNew().call(() -> checkIns.findById(id));
    }

    @Test
    void theDeviceThatScannedAnnulsByItsNonceAndNothingCountsItAnyMore() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        String desk = volunteerToken(conference);
        String nonce = UUID.randomUUID().toString();
        long checkinId = scan(desk, conference, ada, "nonce", nonce);

        post(desk, conference, "/annul", Map.of("nonce", nonce, "reason", "scanned the wrong badge"))
                .then().statusCode(200)
                .body("status", equalTo("annulled"))
                .body("checkin_id", equalTo((int) checkinId))
                .body("reason", equalTo("scanned the wrong badge"))
                .body("annulled_by.subject", equalTo("desk-" + conference.slug()))
                .body("attendee.checked_in", equalTo(false))
                .body("attendee.checked_in_at", nullValue());

        CheckIn annulled = checkIn(checkinId);
        assertThat(annulled.annulledAt).isNotNull();
        assertThat(annulled.annulledBySubject).isEqualTo("desk-" + conference.slug());
        assertThat(annulled.annulReason).isEqualTo("scanned the wrong badge");
        assertThat(lookup(conference, ada).getBoolean("attendee.checked_in")).isFalse();
        JsonPath stats = stats(conference);
        assertThat(stats.getLong("checked_in")).isZero();
        assertThat(stats.getLong("today")).isZero();
        assertThat(stats.getLong("inside")).isZero();
        assertThat(stats.getList("by_station")).isEmpty();
        assertThat(stats.getList("recent")).isEmpty();
        assertThat(given().auth().oauth2(desk).get(conference.base() + "/scans").then().statusCode(200).extract()
                .jsonPath().getBoolean("items[0].annulled")).isTrue();

        List<Received> events = PlatformEvents.read("attendees",
                r -> String.valueOf(ada.id()).equals(r.key()) && "attendee.check-in-annulled".equals(r.type()), 1,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).data().get("checkin_id").asLong()).isEqualTo(checkinId);
        assertThat(events.get(0).data().get("checked_in").asBoolean()).isFalse();
        assertThat(events.get(0).data().get("first_checked_in_at").isNull()).isTrue();
        assertThat(events.get(0).data().get("annulled_by").get("subject").asText())
                .isEqualTo("desk-" + conference.slug());

        // the attendee may be scanned in again, as a first check-in
        post(desk, conference, "/scan", Map.of("access_code", ada.accessCode())).then().statusCode(200)
                .body("reentry", equalTo(false));
    }

    @Test
    void annullingTheFirstCheckInMakesTheNextOneTheFirstAndAnExitsAnnulmentPutsThemBackInside() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        String desk = volunteerToken(conference);
        long first = scan(desk, conference, ada);
        long second = scan(desk, conference, ada);
        long exit = scan(desk, conference, ada, "type", "exit");
        assertThat(stats(conference).getLong("inside")).isZero();

        post(desk, conference, "/annul", Map.of("checkin_id", exit, "reason", "pressed exit by mistake"))
                .then().statusCode(200);
        assertThat(stats(conference).getLong("inside")).isEqualTo(1);

        post(desk, conference, "/annul", Map.of("checkin_id", first, "reason", "double scan"))
                .then().statusCode(200).body("attendee.checked_in", equalTo(true));
        assertThat(lookup(conference, ada).getString("attendee.checked_in_at"))
                .isEqualTo(checkIn(second).checkedInAt.toString());
        JsonPath stats = stats(conference);
        assertThat(stats.getLong("checked_in")).isEqualTo(1);
        assertThat(stats.getLong("inside")).isEqualTo(1);
        assertThat(stats.getLong("by_station.find { it.station == 'Door A' }.count")).isEqualTo(1);

        post(desk, conference, "/annul", Map.of("checkin_id", second, "reason", "not here after all"))
                .then().statusCode(200).body("attendee.checked_in", equalTo(false));
        assertThat(stats(conference).getLong("checked_in")).isZero();
        assertThat(stats(conference).getLong("inside")).isZero();
    }

    @Test
    void anotherVolunteerMayNotAnnulButASupervisorMay() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        long checkinId = scan(volunteerToken(conference), conference, ada);
        String otherDesk = TestTokens.token("other-desk", "conference:" + conference.slug() + ":view_checkin");
        String lead = TestTokens.token("desk-lead", "conference:" + conference.slug() + ":supervise_checkin");
        String otherLead = TestTokens.token("other-lead", "conference:elsewhere:supervise_checkin");

        post(otherDesk, conference, "/annul", Map.of("checkin_id", checkinId, "reason", "mine now"))
                .then().statusCode(403).body("error", org.hamcrest.Matchers.containsString("supervisor"));
        post(otherLead, conference, "/annul", Map.of("checkin_id", checkinId, "reason", "mine now"))
                .then().statusCode(403);
        assertThat(checkIn(checkinId).annulledAt).isNull();

        post(lead, conference, "/annul", Map.of("checkin_id", checkinId, "reason", "volunteer asked"))
                .then().statusCode(200).body("annulled_by.subject", equalTo("desk-lead"));
        // supervising the desk includes working it
        given().auth().oauth2(lead).get(conference.base() + "/stats").then().statusCode(200);
    }

    @Test
    void annulmentNeedsAReasonAKnownCheckInOfThisConferenceAndHappensOnce() {
        ConferenceRef conference = conference();
        ConferenceRef other = conference();
        AttendeeRef ada = attendee(conference, "paid");
        AttendeeRef stranger = attendee(other, "paid");
        String desk = volunteerToken(conference);
        long checkinId = scan(desk, conference, ada);
        long foreign = scan(TestTokens.token("desk-" + conference.slug(), "superuser"), other, stranger);

        post(desk, conference, "/annul", Map.of("checkin_id", checkinId)).then().statusCode(400)
                .body("error", org.hamcrest.Matchers.startsWith("reason is required"));
        post(desk, conference, "/annul", Map.of("reason", "no id")).then().statusCode(400)
                .body("error", equalTo("checkin_id or nonce is required"));
        post(desk, conference, "/annul", Map.of("checkin_id", "abc", "reason", "x")).then().statusCode(400);
        given().auth().oauth2(desk).contentType(ContentType.JSON).body("{oops").post(conference.base() + "/annul")
                .then().statusCode(400).body("error", equalTo("Invalid JSON body"));
        post(desk, conference, "/annul", Map.of("checkin_id", 987654321L, "reason", "x")).then().statusCode(404);
        post(desk, conference, "/annul", Map.of("nonce", "never-used", "reason", "x")).then().statusCode(404);
        post(desk, conference, "/annul", Map.of("checkin_id", foreign, "reason", "x")).then().statusCode(404);
        assertThat(checkIn(foreign).annulledAt).isNull();

        post(desk, conference, "/annul", Map.of("checkin_id", checkinId, "reason", "oops")).then().statusCode(200);
        post(desk, conference, "/annul", Map.of("checkin_id", checkinId, "reason", "again")).then().statusCode(409)
                .body("error", equalTo("Check-in already annulled"));
        assertThat(checkIn(checkinId).annulReason).isEqualTo("oops");
    }

    @Test
    void aCheckInOlderThanFifteenMinutesStays() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        String desk = volunteerToken(conference);
        long checkinId = scan(desk, conference, ada);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE check_in SET recorded_at = recorded_at - interval '16 minutes' WHERE id = ?1")
                .setParameter(1, checkinId).executeUpdate());

        post(TestTokens.token("lead", "conference:" + conference.slug() + ":supervise_checkin"), conference,
                "/annul", Map.of("checkin_id", checkinId, "reason", "too late")).then().statusCode(409)
                .body("error", equalTo("A check-in can only be annulled within 15 minutes"));
        assertThat(checkIn(checkinId).annulledAt).isNull();
        assertThat(stats(conference).getLong("checked_in")).isEqualTo(1);
    }
}
