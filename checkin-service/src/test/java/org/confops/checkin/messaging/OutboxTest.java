package org.confops.checkin.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.confops.platform.outbox.OutboxEvent;
import org.confops.platform.outbox.OutboxRepository;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What check-in does is published through the outbox, as CloudEvents, once per change. */
@QuarkusTest
class OutboxTest {

    @Inject
    OutboxRepository outbox;

    private List<OutboxEvent> outboxFor(AttendeeRef attendee) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.list("recordKey", String.valueOf(attendee.id())));
    }

    @Test
    void checkInIsPublishedAsCloudEventKeyedByAttendee() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        long checkinId = given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON)
                .body(Map.of("access_code", ada.accessCode(), "station", "Door A"))
                .post(conference.base() + "/scan").then().statusCode(200).extract().jsonPath().getLong("checkin_id");

        List<Received> events = PlatformEvents.read("attendees",
                r -> String.valueOf(ada.id()).equals(r.key()) && "attendee.checked-in".equals(r.type()), 1,
                Duration.ofSeconds(30));

        assertThat(events).hasSize(1);
        Received event = events.get(0);
        assertThat(event.headers()).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/checkin-service")
                .containsEntry("ce_subject", ada.accessCode())
                .containsKeys("ce_id", "ce_time");
        assertThat(event.data().get("checkin_id").asLong()).isEqualTo(checkinId);
        assertThat(event.data().get("attendee_id").asLong()).isEqualTo(ada.id());
        assertThat(event.data().get("conference_slug").asText()).isEqualTo(conference.slug());
        assertThat(event.data().get("station").asText()).isEqualTo("Door A");
        assertThat(event.data().get("reentry").asBoolean()).isFalse();
        assertThat(event.data().get("checked_in_by").get("subject").asText()).isEqualTo("desk-" + conference.slug());
        assertThat(event.data().get("checked_in_by").get("name").asText())
                .isEqualTo(TestTokens.displayName("desk-" + conference.slug()));
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxFor(ada).stream().allMatch(e -> e.publishedAt != null));
    }

    @Test
    void redemptionIsPublished() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 2));
        given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON)
                .body(Map.of("access_code", ada.accessCode(), "line_item_id", ada.line("lunch").id()))
                .post(conference.base() + "/redeem").then().statusCode(200);

        List<Received> events = PlatformEvents.read("attendees",
                r -> String.valueOf(ada.id()).equals(r.key()) && "attendee.product-redeemed".equals(r.type()), 1,
                Duration.ofSeconds(30));

        assertThat(events).hasSize(1);
        assertThat(events.get(0).data().get("line_item_id").asLong()).isEqualTo(ada.line("lunch").id());
        assertThat(events.get(0).data().get("redeemed_count").asInt()).isEqualTo(1);
        assertThat(events.get(0).data().get("quantity").asInt()).isEqualTo(2);
    }

    @Test
    void refusedRequestsWriteNoEvent() {
        ConferenceRef conference = conference();
        AttendeeRef pending = attendee(conference, "pending", addon("lunch", "Lunch", 1));
        String token = volunteerToken(conference);

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("access_code", pending.accessCode()))
                .post(conference.base() + "/scan").then().statusCode(409);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("access_code", pending.accessCode(), "line_item_id", pending.line("lunch").id()))
                .post(conference.base() + "/redeem").then().statusCode(409);

        assertThat(outboxFor(pending)).isEmpty();
    }

    @Test
    void eachCheckInIsPublishedExactlyOnceInOrder() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON)
                    .body(Map.of("access_code", ada.accessCode(), "station", "Door " + i))
                    .post(conference.base() + "/scan").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxFor(ada).stream().allMatch(e -> e.publishedAt != null));

        List<Received> events = PlatformEvents.read("attendees",
                r -> String.valueOf(ada.id()).equals(r.key()) && "attendee.checked-in".equals(r.type()), 4,
                Duration.ofSeconds(3));

        assertThat(events).extracting(e -> e.data().get("station").asText())
                .containsExactly("Door 0", "Door 1", "Door 2");
        assertThat(events).extracting(e -> e.headers().get("ce_id")).doesNotHaveDuplicates();
    }
}
