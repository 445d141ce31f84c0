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

import java.util.Map;

import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class IncrementalPreloadTest {

    private static JsonPath preload(ConferenceRef conference, String since) {
        var request = given().auth().oauth2(volunteerToken(conference));
        if (since != null) {
            request.queryParam("since", since);
        }
        return request.get(conference.base() + "/preload").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void sinceACursorOnlyChangedAttendeesComeBackIncludingRefunds() {
        ConferenceRef conference = conference();
        AttendeeRef quiet = attendee(conference, "paid");
        AttendeeRef checkedIn = attendee(conference, "paid");
        AttendeeRef redeemed = attendee(conference, "paid", addon("lunch", "Lunch", 2));
        AttendeeRef refunded = attendee(conference, "paid");
        AttendeeRef paidLater = attendee(conference, "pending");
        JsonPath full = preload(conference, null);
        String cursor = full.getString("cursor");
        assertThat(cursor).matches("[0-9]+");
        assertThat(full.getInt("count")).isEqualTo(4);
        assertThat(preload(conference, cursor).getList("attendees")).isEmpty();

        String token = volunteerToken(conference);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("access_code", checkedIn.accessCode()))
                .post(conference.base() + "/scan").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("access_code", redeemed.accessCode(), "line_item_id", redeemed.line("lunch").id()))
                .post(conference.base() + "/redeem").then().statusCode(200);
        publishOrder(refunded, "refunded", 2);
        awaitOrderStatus(refunded, "refunded");
        publishOrder(paidLater, "paid", 2);
        awaitOrderStatus(paidLater, "paid");

        JsonPath changes = preload(conference, cursor);
        assertThat(changes.getString("since")).isEqualTo(cursor);
        assertThat(changes.getList("attendees.access_code")).containsExactlyInAnyOrder(checkedIn.accessCode(),
                redeemed.accessCode(), refunded.accessCode(), paidLater.accessCode())
                .doesNotContain(quiet.accessCode());
        assertThat(changes.getString("attendees.find { it.access_code == '" + refunded.accessCode()
                + "' }.order_status")).isEqualTo("refunded");
        assertThat(changes.getBoolean("attendees.find { it.access_code == '" + checkedIn.accessCode()
                + "' }.checked_in")).isTrue();
        assertThat(changes.getInt("attendees.find { it.access_code == '" + redeemed.accessCode()
                + "' }.products.find { it.addon_slug == 'lunch' }.remaining")).isEqualTo(1);
        assertThat(preload(conference, changes.getString("cursor")).getList("attendees")).isEmpty();
    }

    @Test
    void aCursorThatIsNotOneIsRefused() {
        ConferenceRef conference = conference();
        given().auth().oauth2(volunteerToken(conference)).queryParam("since", "yesterday")
                .get(conference.base() + "/preload").then().statusCode(400)
                .body("error", equalTo("since must be the cursor of an earlier preload"));
    }
}
