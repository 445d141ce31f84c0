package org.confops.checkin.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.confops.checkin.repository.CheckInRepository;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AccessTest {

    @Inject
    CheckInRepository checkIns;

    private static int scanStatus(RequestSpecification request, ConferenceRef conference, AttendeeRef attendee) {
        return request.contentType(ContentType.JSON).body(Map.of("access_code", attendee.accessCode()))
                .post(conference.base() + "/scan").statusCode();
    }

    @Test
    void everyEndpointNeedsAValidToken() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        String[] badTokens = {
                TestTokens.expiredToken("admin", "superuser"),
                TestTokens.tokenSignedByUnknownKey("admin", "superuser"),
                TestTokens.tokenForAudience("some-other-app", "admin", "superuser"),
                "not-a-jwt" };

        for (String path : new String[] { "/preload", "/lookup/" + ada.accessCode() }) {
            given().get(conference.base() + path).then().statusCode(401)
                    .contentType(ContentType.JSON).body("error", equalTo("Authentication required"));
            for (String token : badTokens) {
                given().auth().oauth2(token).get(conference.base() + path).then().statusCode(401)
                        .contentType(ContentType.JSON).body("error", equalTo("Authentication required"));
            }
        }
        for (String path : new String[] { "/scan", "/redeem" }) {
            given().contentType(ContentType.JSON).body(Map.of("access_code", ada.accessCode(), "line_item_id", 1))
                    .post(conference.base() + path).then().statusCode(401)
                    .body("error", equalTo("Authentication required"));
        }
        for (String token : badTokens) {
            assertThat(scanStatus(given().auth().oauth2(token), conference, ada)).isEqualTo(401);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", ada.id()))).isZero();
    }

    @Test
    void staffOfAnotherConferenceIsForbiddenEverywhere() {
        ConferenceRef ours = conference();
        ConferenceRef theirs = conference();
        AttendeeRef ada = attendee(ours, "paid");
        String outsider = TestTokens.token("outsider", "conference:" + theirs.slug() + ":view_checkin",
                "conference:" + theirs.slug() + ":change_conference");

        given().auth().oauth2(outsider).get(ours.base() + "/preload").then().statusCode(403)
                .contentType(ContentType.JSON).body("error", equalTo("You do not have permission for this conference"));
        given().auth().oauth2(outsider).get(ours.base() + "/lookup/" + ada.accessCode()).then().statusCode(403);
        given().auth().oauth2(outsider).contentType(ContentType.JSON)
                .body(Map.of("access_code", ada.accessCode(), "line_item_id", 1))
                .post(ours.base() + "/redeem").then().statusCode(403);
        assertThat(scanStatus(given().auth().oauth2(outsider), ours, ada)).isEqualTo(403);
        assertThat(QuarkusTransaction.requiringNew().call(() -> checkIns.count("attendeeId", ada.id()))).isZero();
    }

    @Test
    void otherPermissionsOnTheSameConferenceDoNotAllowCheckin() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        String organizer = TestTokens.token("organizer", "conference:" + conference.slug() + ":manage_catalog",
                "conference:" + conference.slug() + ":view_bulk_purchases");
        String lookalike = TestTokens.token("lookalike", "conference:" + conference.slug() + "x:view_checkin",
                "view_checkin");

        assertThat(scanStatus(given().auth().oauth2(organizer), conference, ada)).isEqualTo(403);
        assertThat(scanStatus(given().auth().oauth2(lookalike), conference, ada)).isEqualTo(403);
    }

    @Test
    void viewCheckinChangeConferenceAndSuperuserMayScan() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");

        assertThat(scanStatus(given().auth().oauth2(TestTokens.token("volunteer",
                "conference:" + conference.slug() + ":view_checkin")), conference, ada)).isEqualTo(200);
        assertThat(scanStatus(given().auth().oauth2(TestTokens.token("chair",
                "conference:" + conference.slug() + ":change_conference")), conference, ada)).isEqualTo(200);
        assertThat(scanStatus(given().auth().oauth2(TestTokens.token("root", "superuser")), conference, ada))
                .isEqualTo(200);
    }

    @Test
    void unknownConferenceIsNotFound() {
        given().auth().oauth2(TestTokens.token("root", "superuser"))
                .get("/api/conferences/no-such-conference/checkin/preload")
                .then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("Conference not found"))
                .body("conference", equalTo("no-such-conference"));
        given().auth().oauth2(TestTokens.token("root", "superuser")).contentType(ContentType.JSON)
                .body(Map.of("access_code", "ABCDEFGH"))
                .post("/api/conferences/no-such-conference/checkin/scan")
                .then().statusCode(404).body("error", equalTo("Conference not found"));
    }

    @Test
    void unknownPathsAnswerJson() {
        given().auth().oauth2(TestTokens.token("root", "superuser")).get("/api/conferences/x/checkin/nothing-here")
                .then().statusCode(404).contentType(ContentType.JSON);
        given().auth().oauth2(TestTokens.token("root", "superuser")).delete("/api/conferences/x/checkin/scan")
                .then().statusCode(405).contentType(ContentType.JSON);
    }
}
