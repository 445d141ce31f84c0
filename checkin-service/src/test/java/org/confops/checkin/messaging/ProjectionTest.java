package org.confops.checkin.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.confops.checkin.support.Fixtures.accessCode;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.attendeeData;
import static org.confops.checkin.support.Fixtures.awaitOrderStatus;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.nextId;
import static org.confops.checkin.support.Fixtures.orderData;
import static org.confops.checkin.support.Fixtures.publishAttendee;
import static org.confops.checkin.support.Fixtures.publishOrder;
import static org.confops.checkin.support.Fixtures.superuserToken;
import static org.confops.checkin.support.Fixtures.ticket;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.repository.AttendeeRepository;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.checkin.support.Fixtures.Line;
import org.confops.testinfra.PlatformEvents;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The projection follows the catalog's events: idempotent, ordered by version, robust to bad records. */
@QuarkusTest
class ProjectionTest {

    @Inject
    AttendeeRepository attendees;

    @Inject
    EntityManager em;

    private static int scan(AttendeeRef attendee) {
        return given().auth().oauth2(volunteerToken(attendee.conference())).contentType(ContentType.JSON)
                .body(Map.of("access_code", attendee.accessCode()))
                .post(attendee.conference().base() + "/scan").statusCode();
    }

    /** Waits until everything published before now with {@code key} on {@code topic} was processed. */
    private void awaitConsumed(String topic, long key) {
        PlatformEvents.awaitConsumed(topic, String.valueOf(key), marker -> QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, marker).getSingleResult()).equals(1L));
    }

    @Test
    void consumedEventsMakeAnAttendeeScannableAndARefundRefusesTheNextScan() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "pending");
        assertThat(scan(ada)).isEqualTo(409);

        publishOrder(ada, "paid", 2);
        awaitOrderStatus(ada, "paid");
        assertThat(scan(ada)).isEqualTo(200);

        publishOrder(ada, "refunded", 3);
        awaitOrderStatus(ada, "refunded");
        assertThat(scan(ada)).isEqualTo(409);
    }

    @Test
    void aConferenceRenamedByItsEventIsServedUnderItsNewSlugAtOnce() {
        ConferenceRef conference = conference(); // looked up (and so cached) by its slug until it answered
        String token = superuserToken();
        given().auth().oauth2(token).get(conference.base() + "/preload").then().statusCode(200);
        String renamed = conference.slug() + "-renamed";

        PlatformEvents.publish("catalog", String.valueOf(conference.id()), "conference.changed",
                Map.of("id", conference.id(), "slug", renamed, "name", "Renamed " + conference.id(), "version", 2));
        awaitConsumed("catalog", conference.id());

        // this instance forgets the old slug when the change commits, not when its cache would expire (30 s in tests)
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> given()
                .auth().oauth2(token).get(conference.base() + "/preload").statusCode() == 404);
        given().auth().oauth2(token).get("/api/conferences/" + renamed + "/checkin/preload").then().statusCode(200)
                .body("conference", equalTo(renamed));
    }

    @Test
    void staleOrderSnapshotsAreIgnored() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "pending");
        publishOrder(ada, "paid", 5);
        awaitOrderStatus(ada, "paid");

        publishOrder(ada, "pending", 4);
        publishOrder(ada, "cancelled", 5);
        awaitConsumed("orders", ada.orderId());

        awaitOrderStatus(ada, "paid");
        assertThat(scan(ada)).isEqualTo(200);
    }

    @Test
    void redeliveredEventChangesNothing() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        String eventId = UUID.randomUUID().toString();
        PlatformEvents.publish("attendees", String.valueOf(ada.id()), eventId, "attendee.changed",
                attendeeData(ada, "Ada Renamed", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> "Ada Renamed".equals(name(ada)));

        // the same event id again, even with a higher version, is a redelivery: not applied twice
        PlatformEvents.publish("attendees", String.valueOf(ada.id()), eventId, "attendee.changed",
                attendeeData(ada, "Ada Twice", 3));
        awaitConsumed("attendees", ada.id());

        assertThat(name(ada)).isEqualTo("Ada Renamed");
        assertThat(version(ada)).isEqualTo(2);
    }

    @Test
    void outOfOrderAttendeeSnapshotsKeepTheNewest() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        PlatformEvents.publish("attendees", String.valueOf(ada.id()), "attendee.changed",
                attendeeData(ada, "Version Three", 3));
        PlatformEvents.publish("attendees", String.valueOf(ada.id()), "attendee.changed",
                attendeeData(ada, "Version Two", 2));
        awaitConsumed("attendees", ada.id());

        await().atMost(Duration.ofSeconds(30)).until(() -> version(ada) == 3);
        assertThat(name(ada)).isEqualTo("Version Three");
    }

    @Test
    void orderUpdateKeepsRedeemedCountsAndDropsRemovedLines() {
        ConferenceRef conference = conference();
        Line ticket = ticket("regular", "Regular ticket");
        Line lunch = addon("lunch", "Lunch", 2);
        Line dinner = addon("dinner", "Dinner", 1);
        AttendeeRef ada = attendee(conference, "paid", List.of(ticket, lunch, dinner));
        given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON)
                .body(Map.of("access_code", ada.accessCode(), "line_item_id", lunch.id()))
                .post(conference.base() + "/redeem").then().statusCode(200);

        publishOrder(ada, "partially_refunded", 2, List.of(ticket, lunch));
        awaitOrderStatus(ada, "partially_refunded");

        given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/lookup/" + ada.accessCode())
                .then().statusCode(200)
                .body("redeemable.size()", equalTo(1))
                .body("redeemable[0].line_item_id", equalTo(lunch.id()))
                .body("redeemable[0].redeemed_count", equalTo(1));
    }

    @Test
    void malformedAndForeignRecordsAreSkippedWithoutStoppingTheConsumer() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "pending");
        PlatformEvents.publishPlain("orders", String.valueOf(ada.orderId()), "{\"no\":\"cloudevent\"}");
        PlatformEvents.publish("orders", String.valueOf(ada.orderId()), "order.changed", "{not json");
        PlatformEvents.publish("orders", String.valueOf(ada.orderId()), "order.changed",
                Map.of("id", ada.orderId(), "conference_id", conference.id(), "version", 9));
        PlatformEvents.publish("orders", String.valueOf(ada.orderId()), "order.archived",
                orderData(ada, "cancelled", 10, ada.lines()));

        awaitConsumed("orders", ada.orderId());
        awaitOrderStatus(ada, "pending");

        publishOrder(ada, "paid", 2);
        awaitOrderStatus(ada, "paid");
        assertThat(scan(ada)).isEqualTo(200);
    }

    @Test
    void aSnapshotTheDatabaseRefusesIsADeadLetterAndTheRestIsApplied() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        AttendeeRef bob = attendee(conference, "paid");
        AttendeeRef carol = attendee(conference, "paid");
        // Bob's new snapshot takes Ada's access code: the projection's unique code per conference refuses it. Carol's,
        // sent right after, most likely arrives in the same batch (and Bob's is not superseded by a newer one of his).
        AttendeeRef clash = new AttendeeRef(conference, bob.id(), bob.orderId(), ada.accessCode(), "Bob", bob.lines());
        PlatformEvents.publish("attendees", String.valueOf(bob.id()), "attendee.changed", attendeeData(clash, "Bob", 2));
        PlatformEvents.publish("attendees", String.valueOf(carol.id()), "attendee.changed",
                attendeeData(carol, "Carol Renamed", 2));

        await().atMost(Duration.ofSeconds(30)).until(() -> version(carol) == 2);
        assertThat(name(carol)).isEqualTo("Carol Renamed");
        List<PlatformEvents.Received> dead = PlatformEvents.read("attendees.dlq",
                r -> String.valueOf(bob.id()).equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).headers().get("dlq_reason")).startsWith("handler refused it")
                .contains("attendee_code_per_conference");
        assertThat(dead.get(0).headers()).containsEntry("dlq_consumer", "/checkin-service#attendees-in")
                .containsEntry("ce_type", "attendee.changed");
        assertThat(dead.get(0).data().get("access_code").asText()).isEqualTo(ada.accessCode());
        assertThat(version(bob)).isEqualTo(1);
        assertThat(scan(ada)).isEqualTo(200);

        // the consumer goes on: Bob's next snapshot is applied
        PlatformEvents.publish("attendees", String.valueOf(bob.id()), "attendee.changed",
                attendeeData(bob, "Bob Renamed", 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> version(bob) == 3);
        assertThat(name(bob)).isEqualTo("Bob Renamed");
    }

    @Test
    void attendeeMayArriveBeforeItsOrder() {
        ConferenceRef conference = conference();
        AttendeeRef early = new AttendeeRef(conference, nextId(), nextId(), accessCode(), "Early Bird",
                List.of(ticket("regular", "Regular ticket")));
        publishAttendee(early, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> version(early) == 1);
        assertThat(scan(early)).isEqualTo(409);

        publishOrder(early, "paid", 1);
        awaitOrderStatus(early, "paid");
        assertThat(scan(early)).isEqualTo(200);
    }

    private String name(AttendeeRef ref) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Attendee attendee = attendees.findById(ref.id());
            return attendee == null ? null : attendee.name;
        });
    }

    private long version(AttendeeRef ref) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Attendee attendee = attendees.findById(ref.id());
            return attendee == null ? 0 : attendee.version;
        });
    }
}
