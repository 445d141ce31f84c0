package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class DoorsAndStatisticsTest {

    private static Response post(ConferenceRef conference, String path, Object body) {
        return given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(body)
                .post(conference.base() + path);
    }

    @Test
    void exitsAreRecordedAndInsideCountsWhoseLastMoveWasAnEntry() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        AttendeeRef bob = attendee(conference, "paid");
        attendee(conference, "paid");
        attendee(conference, "pending");

        post(conference, "/scan", Map.of("access_code", ada.accessCode(), "station", "Door A")).then().statusCode(200);
        post(conference, "/scan", Map.of("access_code", bob.accessCode(), "station", "Door B")).then().statusCode(200);
        post(conference, "/scan", Map.of("access_code", bob.accessCode(), "station", "Door B", "type", "exit"))
                .then().statusCode(200).body("status", equalTo("checked_out"));
        post(conference, "/scan", Map.of("access_code", ada.accessCode(), "type", "sideways")).then().statusCode(400)
                .body("error", equalTo("type must be entry or exit"));

        JsonPath stats = given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/stats")
                .then().statusCode(200).extract().jsonPath();
        assertThat(stats.getInt("total")).isEqualTo(3);
        assertThat(stats.getInt("checked_in")).isEqualTo(2);
        assertThat(stats.getFloat("rate")).isEqualTo(0.6667f);
        assertThat(stats.getInt("today")).isEqualTo(2);
        assertThat(stats.getInt("inside")).isEqualTo(1);
        assertThat(stats.getInt("by_station.find { it.station == 'Door A' }.count")).isEqualTo(1);
        assertThat(stats.getString("by_station.find { it.station == 'Door A' }.last_at")).isNotBlank();
        assertThat(stats.getList("recent.type")).containsExactly("exit", "entry", "entry");
        assertThat(stats.getString("recent[0].access_code")).isEqualTo(bob.accessCode());
    }

    @Test
    void doorChecksAdmitHoldersOnlyAndAreCountedWithRedemptions() {
        ConferenceRef conference = conference();
        AttendeeRef holder = attendee(conference, "paid", addon("tutorial", "Tutorial day", 1), addon("lunch", "Lunch", 3));
        AttendeeRef other = attendee(conference, "paid");
        AttendeeRef unpaid = attendee(conference, "pending", addon("tutorial", "Tutorial day", 1));

        post(conference, "/door-check", Map.of("access_code", holder.accessCode(), "product", "tutorial",
                "station", "Room 1")).then().statusCode(200).body("status", equalTo("admitted"))
                .body("description", equalTo("Tutorial day")).body("attendee.access_code", equalTo(holder.accessCode()));
        post(conference, "/door-check", Map.of("access_code", holder.accessCode(), "product", "regular"))
                .then().statusCode(200);
        post(conference, "/door-check", Map.of("access_code", other.accessCode(), "product", "tutorial"))
                .then().statusCode(409).body("error", equalTo("Attendee does not hold this product"))
                .body("product", equalTo("tutorial"));
        post(conference, "/door-check", Map.of("access_code", unpaid.accessCode(), "product", "tutorial"))
                .then().statusCode(409).body("order_status", equalTo("pending"));
        post(conference, "/door-check", Map.of("access_code", "NOPE0000", "product", "tutorial")).then().statusCode(404);
        post(conference, "/door-check", Map.of("access_code", holder.accessCode())).then().statusCode(400)
                .body("error", equalTo("product is required"));
        post(conference, "/redeem", Map.of("access_code", holder.accessCode(), "line_item_id",
                holder.line("lunch").id())).then().statusCode(200);

        JsonPath stats = given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/stats")
                .then().statusCode(200).extract().jsonPath();
        assertThat(stats.getInt("door_checks.find { it.product == 'tutorial' }.admitted")).isEqualTo(1);
        assertThat(stats.getInt("door_checks.find { it.product == 'tutorial' }.refused")).isEqualTo(1);
        assertThat(stats.getInt("door_checks.find { it.product == 'regular' }.admitted")).isEqualTo(1);
        assertThat(stats.getInt("redemptions.find { it.addon_slug == 'lunch' }.redeemed")).isEqualTo(1);
        assertThat(stats.getInt("redemptions.find { it.addon_slug == 'lunch' }.purchased")).isEqualTo(3);
    }

    @Test
    void statisticsAndDoorChecksNeedCheckinPermissionOnThisConference() {
        ConferenceRef conference = conference();
        String outsider = TestTokens.token("outsider", "conference:elsewhere:view_checkin");
        given().auth().oauth2(outsider).get(conference.base() + "/stats").then().statusCode(403);
        given().auth().oauth2(outsider).contentType(ContentType.JSON).body(Map.of("access_code", "X", "product", "y"))
                .post(conference.base() + "/door-check").then().statusCode(403);
        given().get(conference.base() + "/stats").then().statusCode(401);
    }
}
