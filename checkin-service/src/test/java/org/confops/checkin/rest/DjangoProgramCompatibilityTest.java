package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Pins the wire format to django-program's check-in views ({@code registration/views_checkin.py}): every field
 * those return, with the same name and JSON type, is in ours (we may add fields beside them). The field lists
 * below are django-program's, written out by hand; a renamed or retyped field here breaks its scanner page.
 */
@QuarkusTest
class DjangoProgramCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // django-program's _serialize_attendee
    private static final Map<String, String> ATTENDEE = fields("id", "integer", "access_code", "string",
            "name", "string", "email", "string", "checked_in", "boolean", "checked_in_at", "string|null");
    // its _serialize_line_item
    private static final Map<String, String> LINE_ITEM = fields("id", "integer", "description", "string",
            "quantity", "integer", "ticket_type_slug", "string|null", "addon_slug", "string|null");
    // a line item with its counts (LookupView's redeemable, the preload's products)
    private static final Map<String, String> COUNTED_LINE_ITEM = with(LINE_ITEM, "redeemed_count", "integer",
            "remaining", "integer");

    private static Response post(ConferenceRef conference, String path, Object body) {
        return given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(body)
                .post(conference.base() + path);
    }

    @Test
    void scanLookupRedeemAndPreloadCarryEveryDjangoProgramFieldWithItsType() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 2));
        String token = volunteerToken(conference);

        JsonNode scan = json(post(conference, "/scan", Map.of("access_code", ada.accessCode(), "station", "Door A")),
                200);
        assertFields(scan, "scan", fields("status", "string", "attendee", "object", "badge", "object",
                "products", "array", "order_status", "string|null", "checkin_id", "integer",
                "checked_in_at", "string"));
        assertFields(scan.get("attendee"), "scan.attendee", ATTENDEE);
        assertFields(scan.get("badge"), "scan.badge", fields("name", "string", "ticket_type", "string"));
        assertEach(scan.get("products"), "scan.products[]", LINE_ITEM);
        assertThat(scan.get("status").asText()).isEqualTo("checked_in");
        assertThat(scan.at("/badge/ticket_type").asText()).isEqualTo("Regular ticket");

        JsonNode lookup = json(given().auth().oauth2(token).get(conference.base() + "/lookup/" + ada.accessCode()),
                200);
        assertFields(lookup, "lookup", fields("attendee", "object", "products", "array", "redeemable", "array",
                "order_status", "string|null"));
        assertFields(lookup.get("attendee"), "lookup.attendee", with(ATTENDEE, "ticket_type", "string"));
        assertEach(lookup.get("products"), "lookup.products[]", LINE_ITEM);
        assertEach(lookup.get("redeemable"), "lookup.redeemable[]", COUNTED_LINE_ITEM);
        assertThat(lookup.get("redeemable")).hasSize(1);

        // exactly what django-program's scanner page sends: the redeemable entry's id, parseInt-ed
        JsonNode lunch = lookup.get("redeemable").get(0);
        assertThat(lunch.get("id").asLong()).isEqualTo(ada.line("lunch").id());
        JsonNode redeem = json(post(conference, "/redeem",
                Map.of("access_code", ada.accessCode(), "line_item_id", lunch.get("id").asLong())), 200);
        assertFields(redeem, "redeem", fields("status", "string", "redemption_id", "integer",
                "redeemed_at", "string", "line_item", "object", "attendee", "object"));
        assertFields(redeem.get("line_item"), "redeem.line_item", LINE_ITEM);
        assertFields(redeem.get("attendee"), "redeem.attendee", ATTENDEE);
        assertThat(redeem.at("/line_item/description").asText()).isEqualTo("Lunch");
        assertThat(json(given().auth().oauth2(token).get(conference.base() + "/lookup/" + ada.accessCode()), 200)
                .at("/redeemable/0/remaining").asInt()).isEqualTo(1);

        JsonNode preload = json(given().auth().oauth2(token).get(conference.base() + "/preload"), 200);
        assertFields(preload, "preload", fields("conference", "string", "generated_at", "string", "count", "integer",
                "attendees", "array"));
        assertEach(preload.get("attendees"), "preload.attendees[]", fields("access_code", "string",
                "name", "string", "email", "string", "ticket_type", "string", "products", "array",
                "checked_in", "boolean", "checked_in_at", "string|null"));
        for (JsonNode attendee : preload.get("attendees")) {
            assertEach(attendee.get("products"), "preload.attendees[].products[]", COUNTED_LINE_ITEM);
        }
    }

    @Test
    void refusalsCarryDjangoProgramsErrorFields() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef pending = attendee(conference, "pending");
        AttendeeRef bob = attendee(conference, "paid", addon("tshirt", "T-shirt", 1));

        assertFields(json(post(conference, "/scan", Map.of("access_code", "NOPE0000")), 404), "404",
                fields("error", "string", "access_code", "string"));
        assertFields(json(post(conference, "/scan", Map.of("access_code", pending.accessCode())), 409), "409",
                fields("error", "string", "access_code", "string", "order_status", "string|null"));
        assertFields(json(post(conference, "/scan", "{oops"), 400), "400", fields("error", "string"));
        JsonNode missing = json(post(conference, "/redeem", Map.of("access_code", bob.accessCode())), 400);
        assertThat(missing.get("error").asText())
                .isEqualTo("access_code and a valid integer line_item_id are required");
        assertFields(json(post(conference, "/redeem", Map.of("access_code", bob.accessCode(), "line_item_id",
                pending.line("regular").id())), 400), "400 line", fields("error", "string", "line_item_id", "integer"));
        long tshirt = bob.line("tshirt").id();
        json(post(conference, "/redeem", Map.of("access_code", bob.accessCode(), "line_item_id", tshirt)), 200);
        assertFields(json(post(conference, "/redeem", Map.of("access_code", bob.accessCode(), "line_item_id", tshirt)),
                409), "409 redeemed", fields("error", "string", "line_item_id", "integer"));
    }

    @Test
    void attendeeWithoutTicketLineOrEmailGetsEmptyStringsNotNulls() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef addOnsOnly = attendee(conference, "paid", List.of(addon("lunch", "Lunch", 1)));

        JsonNode scan = json(post(conference, "/scan", Map.of("access_code", addOnsOnly.accessCode())), 200);
        assertThat(scan.at("/badge/ticket_type").isTextual()).isTrue();
        assertThat(scan.at("/badge/ticket_type").asText()).isEmpty();
        JsonNode lookup = json(given().auth().oauth2(volunteerToken(conference))
                .get(conference.base() + "/lookup/" + addOnsOnly.accessCode()), 200);
        assertThat(lookup.at("/attendee/ticket_type").isTextual()).isTrue();
        JsonNode preload = json(given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/preload"),
                200);
        assertThat(preload.at("/attendees/0/ticket_type").isTextual()).isTrue();
    }

    private static JsonNode json(Response response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        return JSON.readTree(response.asString());
    }

    private static void assertEach(JsonNode array, String where, Map<String, String> expected) {
        assertThat(array.isArray()).as(where).isTrue();
        assertThat(array.size()).as(where + " is empty: nothing to check").isPositive();
        for (JsonNode element : array) {
            assertFields(element, where, expected);
        }
    }

    private static void assertFields(JsonNode node, String where, Map<String, String> expected) {
        List<String> wrong = new ArrayList<>();
        expected.forEach((field, type) -> {
            JsonNode value = node.get(field);
            if (value == null) {
                wrong.add(field + " missing");
            } else if (!List.of(type.split("\\|")).contains(typeOf(value))) {
                wrong.add(field + " is " + typeOf(value) + ", django-program sends " + type);
            }
        });
        assertThat(wrong).as("%s: %s", where, node).isEmpty();
    }

    private static String typeOf(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : value.isObject() ? "object" : "number";
    }

    private static Map<String, String> fields(String... nameThenType) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            fields.put(nameThenType[i], nameThenType[i + 1]);
        }
        return fields;
    }

    private static Map<String, String> with(Map<String, String> base, String... nameThenType) {
        Map<String, String> fields = new LinkedHashMap<>(base);
        fields.putAll(fields(nameThenType));
        return fields;
    }
}
