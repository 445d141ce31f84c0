package org.confops.checkin.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.TestTokens;

/**
 * Arranges test data the way production gets it: catalog events through the real broker, then waits until
 * check-in's projection shows them. Ids come from the clock, so runs never collide with events a reused
 * broker still holds.
 */
public final class Fixtures {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(30);

    public record ConferenceRef(long id, String slug) {
        public String base() {
            return "/api/conferences/" + slug + "/checkin";
        }
    }

    public record Line(long id, String ticketTypeSlug, String addonSlug, String description, int quantity) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("kind", addonSlug == null ? "ticket" : "addon");
            json.put("ticket_type_slug", ticketTypeSlug);
            json.put("addon_slug", addonSlug);
            json.put("description", description);
            json.put("quantity", quantity);
            return json;
        }
    }

    public record AttendeeRef(ConferenceRef conference, long id, long orderId, String accessCode, String name,
            List<Line> lines) {
        public Line line(String slug) {
            return lines.stream().filter(l -> slug.equals(l.addonSlug()) || slug.equals(l.ticketTypeSlug()))
                    .findFirst().orElseThrow();
        }
    }

    private Fixtures() {
    }

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** Ten times any id {@link #nextId} hands out: ranges for rows seeded with SQL never meet fixture ids. */
    private static final AtomicLong SEEDED = new AtomicLong(IDS.get() * 10);

    /** The first id of a fresh range of {@code size} ids for rows a benchmark seeds with SQL. */
    public static long seedRange(long size) {
        return SEEDED.getAndAdd(size + 1);
    }

    public static String superuserToken() {
        return TestTokens.token("admin", "superuser");
    }

    public static String volunteerToken(ConferenceRef conference) {
        return TestTokens.token("desk-" + conference.slug(), "conference:" + conference.slug() + ":view_checkin");
    }

    public static String accessCode() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return code.toString();
    }

    public static Line ticket(String slug, String description) {
        return new Line(nextId(), slug, null, description, 1);
    }

    public static Line addon(String slug, String description, int quantity) {
        return new Line(nextId(), null, slug, description, quantity);
    }

    /** A conference known to check-in (its event consumed). */
    public static ConferenceRef conference() {
        long id = nextId();
        ConferenceRef conference = new ConferenceRef(id, "conf-" + id);
        PlatformEvents.publish("catalog", String.valueOf(id), "conference.changed",
                Map.of("id", id, "slug", conference.slug(), "name", "Conference " + id, "version", 1));
        await().atMost(PROJECTION_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> given()
                .auth().oauth2(superuserToken()).get(conference.base() + "/preload").statusCode() == 200);
        return conference;
    }

    /** An attendee whose order has {@code status}, with a ticket and the given add-ons, visible to check-in. */
    public static AttendeeRef attendee(ConferenceRef conference, String status, Line... addons) {
        List<Line> lines = new java.util.ArrayList<>();
        lines.add(ticket("regular", "Regular ticket"));
        lines.addAll(Arrays.asList(addons));
        return attendee(conference, status, lines);
    }

    public static AttendeeRef attendee(ConferenceRef conference, String status, List<Line> lines) {
        long attendeeId = nextId();
        long orderId = nextId();
        String code = accessCode();
        AttendeeRef attendee = new AttendeeRef(conference, attendeeId, orderId, code, "Attendee " + attendeeId,
                List.copyOf(lines));
        publishOrder(attendee, status, 1);
        publishAttendee(attendee, 1);
        awaitOrderStatus(attendee, status);
        return attendee;
    }

    public static String publishOrder(AttendeeRef attendee, String status, long version) {
        return publishOrder(attendee, status, version, attendee.lines());
    }

    public static String publishOrder(AttendeeRef attendee, String status, long version, List<Line> lines) {
        return PlatformEvents.publish("orders", String.valueOf(attendee.orderId()), "order.changed",
                orderData(attendee, status, version, lines));
    }

    public static Map<String, Object> orderData(AttendeeRef attendee, String status, long version, List<Line> lines) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", attendee.orderId());
        order.put("conference_id", attendee.conference().id());
        order.put("conference_slug", attendee.conference().slug());
        order.put("status", status);
        order.put("attendee_id", attendee.id());
        order.put("line_items", lines.stream().map(Line::json).toList());
        order.put("version", version);
        return order;
    }

    public static String publishAttendee(AttendeeRef attendee, long version) {
        return PlatformEvents.publish("attendees", String.valueOf(attendee.id()), "attendee.changed",
                attendeeData(attendee, attendee.name(), version));
    }

    public static Map<String, Object> attendeeData(AttendeeRef attendee, String name, long version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", attendee.id());
        data.put("conference_id", attendee.conference().id());
        data.put("order_id", attendee.orderId());
        data.put("access_code", attendee.accessCode());
        data.put("name", name);
        data.put("email", "a" + attendee.id() + "@example.org");
        data.put("version", version);
        return data;
    }

    /** Waits until check-in's look-up shows the attendee with an order in {@code status}. */
    public static void awaitOrderStatus(AttendeeRef attendee, String status) {
        await().atMost(PROJECTION_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = given().auth().oauth2(superuserToken())
                    .get(attendee.conference().base() + "/lookup/" + attendee.accessCode());
            return response.statusCode() == 200 && status.equals(response.path("order_status"));
        });
    }
}
