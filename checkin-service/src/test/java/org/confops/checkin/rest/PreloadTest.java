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
import org.confops.checkin.support.Fixtures.Line;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    @Test
    void preloadAttendeesKeepDjangoProgramFieldsInOrderWithLinesInIdOrder() throws Exception {
        ConferenceRef conference = conference();
        Line lunch = addon("lunch", "Lunch", 2);
        Line ticket = ticket("regular", "Regular ticket");
        Line tshirt = addon("tshirt", "T-shirt", 1);
        AttendeeRef withLines = attendee(conference, "paid", List.of(lunch, ticket, tshirt));
        AttendeeRef withoutLines = attendee(conference, "paid", List.of());
        String token = volunteerToken(conference);

        String body = given().auth().oauth2(token).get(conference.base() + "/preload")
                .then().statusCode(200).extract().asString();
        JsonNode attendees = new ObjectMapper().readTree(body).get("attendees");

        assertThat(attendees).hasSize(2);
        JsonNode first = attendees.get(0);
        assertThat(fieldNames(first)).containsExactly("access_code", "name", "email", "ticket_type", "order_status",
                "products", "checked_in", "checked_in_at");
        assertThat(first.get("access_code").asText()).isEqualTo(withLines.accessCode());
        // the first ticket line names the ticket type, even after an add-on with a lower id
        assertThat(first.get("ticket_type").asText()).isEqualTo("Regular ticket");
        assertThat(first.get("checked_in_at").isNull()).isTrue();
        JsonNode products = first.get("products");
        assertThat(products).hasSize(3);
        assertThat(fieldNames(products.get(0))).containsExactly("id", "description", "quantity", "ticket_type_slug",
                "addon_slug", "redeemed_count", "remaining");
        assertThat(products.findValuesAsText("description")).containsExactly("Lunch", "Regular ticket", "T-shirt");
        assertThat(products.get(0).get("id").asLong()).isEqualTo(lunch.id());
        assertThat(products.get(0).get("quantity").isInt()).isTrue();
        assertThat(products.get(0).get("remaining").asInt()).isEqualTo(2);
        assertThat(products.get(0).get("ticket_type_slug").isNull()).isTrue();
        assertThat(products.get(1).get("addon_slug").isNull()).isTrue();
        JsonNode second = attendees.get(1);
        assertThat(second.get("access_code").asText()).isEqualTo(withoutLines.accessCode());
        assertThat(second.get("ticket_type").asText()).isEmpty();
        assertThat(second.get("products").isArray()).isTrue();
        assertThat(second.get("products")).isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
