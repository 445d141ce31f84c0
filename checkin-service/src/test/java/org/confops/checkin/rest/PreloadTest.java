package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.ticket;
import static org.confops.checkin.support.Fixtures.volunteerToken;

import java.util.List;
import java.util.Map;

import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PreloadTest {

    @Test
    void preloadListsAdmittedAttendeesOfThisConferenceOnly() {
        ConferenceRef conference = conference();
        AttendeeRef paid = attendee(conference, "paid", addon("lunch", "Lunch", 2));
        AttendeeRef partial = attendee(conference, "partially_refunded");
        AttendeeRef pending = attendee(conference, "pending");
        AttendeeRef refunded = attendee(conference, "refunded");
        AttendeeRef elsewhere = attendee(conference(), "paid");
        String token = volunteerToken(conference);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("access_code", paid.accessCode()))
                .post(conference.base() + "/scan").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("access_code", paid.accessCode(), "line_item_id", paid.line("lunch").id()))
                .post(conference.base() + "/redeem").then().statusCode(200);

        JsonPath preload = given().auth().oauth2(token).get(conference.base() + "/preload")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();

        assertThat(preload.getString("conference")).isEqualTo(conference.slug());
        assertThat(preload.getString("generated_at")).isNotBlank();
        assertThat(preload.getInt("count")).isEqualTo(2);
        assertThat(preload.getList("attendees.access_code"))
                .containsExactlyInAnyOrder(paid.accessCode(), partial.accessCode())
                .doesNotContain(pending.accessCode(), refunded.accessCode(), elsewhere.accessCode());
        String path = "attendees.find { it.access_code == '" + paid.accessCode() + "' }";
        assertThat(preload.getString(path + ".name")).isEqualTo(paid.name());
        assertThat(preload.getString(path + ".email")).isEqualTo("a" + paid.id() + "@example.org");
        assertThat(preload.getString(path + ".ticket_type")).isEqualTo("Regular ticket");
        assertThat(preload.getBoolean(path + ".checked_in")).isTrue();
        assertThat(preload.getString(path + ".checked_in_at")).isNotBlank();
        assertThat(preload.getInt(path + ".products.find { it.addon_slug == 'lunch' }.redeemed_count")).isEqualTo(1);
        assertThat(preload.getInt(path + ".products.find { it.addon_slug == 'lunch' }.remaining")).isEqualTo(1);
        assertThat(preload.getList(path + ".products")).hasSize(2);
        String other = "attendees.find { it.access_code == '" + partial.accessCode() + "' }";
        assertThat(preload.getBoolean(other + ".checked_in")).isFalse();
        assertThat(preload.getString(other + ".checked_in_at")).isNull();
    }

    @Test
    void ticketTypeFilterKeepsHoldersOfThatTicketType() {
        ConferenceRef conference = conference();
        AttendeeRef regular = attendee(conference, "paid");
        AttendeeRef student = attendee(conference, "paid", List.of(ticket("student", "Student ticket")));
        String token = volunteerToken(conference);

        JsonPath students = given().auth().oauth2(token).queryParam("ticket_type", "student")
                .get(conference.base() + "/preload").then().statusCode(200).extract().jsonPath();
        assertThat(students.getInt("count")).isEqualTo(1);
        assertThat(students.getList("attendees.access_code")).containsExactly(student.accessCode());
        assertThat(students.getString("attendees[0].ticket_type")).isEqualTo("Student ticket");

        JsonPath nobody = given().auth().oauth2(token).queryParam("ticket_type", "no-such-type")
                .get(conference.base() + "/preload").then().statusCode(200).extract().jsonPath();
        assertThat(nobody.getInt("count")).isZero();
        assertThat(nobody.getList("attendees")).isEmpty();
        JsonPath everyone = given().auth().oauth2(token).get(conference.base() + "/preload")
                .then().statusCode(200).extract().jsonPath();
        assertThat(everyone.getList("attendees.access_code"))
                .containsExactlyInAnyOrder(regular.accessCode(), student.accessCode());
    }
}
