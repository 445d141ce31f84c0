package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.addon;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.ticket;
import static org.confops.checkin.support.Fixtures.volunteerToken;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.confops.checkin.service.Tallies;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The statistics are kept up to date with each movement, not recounted; so they are checked here against a
 * full recount over every movement, after entries, exits, re-entries, an annulment, redemptions, door checks,
 * refusals and an offline upload sent twice — with the counts folded and not yet folded.
 */
@QuarkusTest
class LiveStatisticsTest {

    @Inject
    DataSource dataSource;

    @Inject
    Tallies tallies;

    @TestHTTPResource("/")
    URL root;

    private static Response post(ConferenceRef conference, String path, Object body) {
        return given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(body)
                .post(conference.base() + path);
    }

    private static JsonPath stats(ConferenceRef conference, String ticketType) {
        var request = given().auth().oauth2(volunteerToken(conference));
        if (ticketType != null) {
            request.queryParam("ticket_type", ticketType);
        }
        return request.get(conference.base() + "/stats").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void statisticsEqualAFullRecountAfterEveryKindOfMovementAndAReplayedUpload() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid", addon("lunch", "Lunch", 2));
        AttendeeRef bob = attendee(conference, "paid", addon("tutorial", "Tutorial", 1));
        AttendeeRef cy = attendee(conference, "paid", List.of(ticket("student", "Student ticket"),
                addon("lunch", "Lunch", 1)));
        AttendeeRef dee = attendee(conference, "paid", List.of(ticket("student", "Student ticket")));
        AttendeeRef unpaid = attendee(conference, "pending");

        post(conference, "/scan", Map.of("access_code", ada.accessCode(), "station", "Door A")).then().statusCode(200);
        post(conference, "/scan", Map.of("access_code", ada.accessCode(), "station", "Door A", "type", "exit"))
                .then().statusCode(200);
        post(conference, "/scan", Map.of("access_code", ada.accessCode(), "station", "Door B")).then().statusCode(200);
        long mistaken = post(conference, "/scan", Map.of("access_code", bob.accessCode(), "station", "Door B"))
                .then().statusCode(200).extract().jsonPath().getLong("checkin_id");
        post(conference, "/annul", Map.of("checkin_id", mistaken, "reason", "wrong badge")).then().statusCode(200);
        post(conference, "/scan", Map.of("access_code", cy.accessCode())).then().statusCode(200);
        post(conference, "/scan", Map.of("access_code", unpaid.accessCode(), "station", "Door A")).then().statusCode(409);
        post(conference, "/scan", Map.of("access_code", "NOPE0000", "station", "Door A")).then().statusCode(404);
        post(conference, "/redeem", Map.of("access_code", ada.accessCode(), "line_item_id", ada.line("lunch").id()))
                .then().statusCode(200);
        post(conference, "/door-check", Map.of("access_code", bob.accessCode(), "product", "tutorial"))
                .then().statusCode(200);
        post(conference, "/door-check", Map.of("access_code", dee.accessCode(), "product", "tutorial"))
                .then().statusCode(409);
        // an offline device: an entry two hours ago and an exit an hour ago for Dee, a hand-out for Cy, a refusal
        Map<String, Object> upload = Map.of("items", List.of(
                Map.of("nonce", UUID.randomUUID().toString(), "type", "scan", "access_code", dee.accessCode(),
                        "station", "Door C", "client_time", java.time.OffsetDateTime.now().minusHours(2).toString()),
                Map.of("nonce", UUID.randomUUID().toString(), "type", "exit", "access_code", dee.accessCode(),
                        "station", "Door C", "client_time", java.time.OffsetDateTime.now().minusHours(1).toString()),
                Map.of("nonce", UUID.randomUUID().toString(), "type", "redeem", "access_code", cy.accessCode(),
                        "line_item_id", cy.line("lunch").id()),
                Map.of("nonce", UUID.randomUUID().toString(), "type", "scan", "access_code", "NOPE0001")));
        post(conference, "/sync", upload).then().statusCode(200);
        post(conference, "/sync", upload).then().statusCode(200);

        assertEqualsRecount(conference, null);
        assertEqualsRecount(conference, "student");
        assertEqualsRecount(conference, "regular");
        JsonPath all = stats(conference, null);
        assertThat(all.getLong("total")).isEqualTo(4);
        assertThat(all.getLong("checked_in")).isEqualTo(3);
        assertThat(all.getLong("inside")).isEqualTo(2);
        assertThat(all.getLong("refused_scans.total")).isEqualTo(4);
        assertThat(all.getList("arrivals.station")).contains("Door A", "Door B", "Door C", "");

        tallies.fold();
        assertEqualsRecount(conference, null);
        assertEqualsRecount(conference, "student");
        JsonPath students = stats(conference, "student");
        assertThat(students.getString("ticket_type")).isEqualTo("student");
        assertThat(students.getLong("total")).isEqualTo(2);
        assertThat(students.getLong("inside")).isEqualTo(1);
        assertThat(students.getLong("redemptions.find { it.addon_slug == 'lunch' }.redeemed")).isEqualTo(1);
    }

    private void assertEqualsRecount(ConferenceRef conference, String ticketType) throws Exception {
        JsonPath stats = stats(conference, ticketType);
        String people = """
                 FROM attendee a LEFT JOIN customer_order o ON o.id = a.order_id
                WHERE a.conference_id = ? AND (CAST(? AS TEXT) IS NULL OR attendee_ticket_type(a.order_id) = ?)""";
        String counted = """
                 FROM check_in c JOIN attendee a ON a.id = c.attendee_id
                WHERE c.conference_id = ? AND c.annulled_at IS NULL
                  AND (CAST(? AS TEXT) IS NULL OR attendee_ticket_type(a.order_id) = ?)""";
        assertThat(stats.getLong("total")).isEqualTo(
                single("SELECT count(*) " + people + " AND o.status IN ('paid', 'partially_refunded')", conference, ticketType));
        assertThat(stats.getLong("checked_in")).isEqualTo(single("SELECT count(*) " + people
                + " AND o.status IN ('paid', 'partially_refunded') AND a.first_checked_in_at IS NOT NULL", conference, ticketType));
        assertThat(stats.getLong("inside")).isEqualTo(single("""
                SELECT count(*) FROM (SELECT DISTINCT ON (c.attendee_id) c.direction""" + counted + """
                 ORDER BY c.attendee_id, c.checked_in_at DESC, c.id DESC) latest WHERE direction = 'entry'""",
                conference, ticketType));
        assertThat(stats.getLong("today")).isEqualTo(single("SELECT count(DISTINCT c.attendee_id)" + counted
                + " AND c.direction = 'entry' AND c.checked_in_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'",
                conference, ticketType));
        assertThat(byKey(stats.getList("by_station"), "station", "count")).isEqualTo(grouped(
                "SELECT coalesce(c.station, ''), count(*)" + counted + " AND c.direction = 'entry' GROUP BY 1",
                conference, ticketType));
        assertThat(byKey(stats.getList("arrivals"), "slot", "station", "count")).isEqualTo(grouped("""
                SELECT to_char(date_bin('15 minutes', c.checked_in_at, TIMESTAMPTZ 'epoch') AT TIME ZONE 'UTC',
                  'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '|' || coalesce(c.station, ''), count(*)""" + counted
                + " AND c.direction = 'entry' GROUP BY 1", conference, ticketType));
        assertThat(byKey(stats.getList("refused_scans.by_reason"), "reason", "count")).isEqualTo(grouped("""
                SELECT s.reason, count(*) FROM scan_log s LEFT JOIN attendee a ON a.id = s.attendee_id
                WHERE s.conference_id = ? AND s.result = 'refused'
                  AND (CAST(? AS TEXT) IS NULL OR coalesce(attendee_ticket_type(a.order_id), '') = ?) GROUP BY 1""",
                conference, ticketType));
        assertThat(byKey(stats.getList("door_checks"), "product", "admitted")).isEqualTo(grouped("""
                SELECT d.product_slug, count(*) FILTER (WHERE d.admitted) FROM door_check d
                JOIN attendee a ON a.id = d.attendee_id WHERE d.conference_id = ?
                  AND (CAST(? AS TEXT) IS NULL OR attendee_ticket_type(a.order_id) = ?) GROUP BY 1""",
                conference, ticketType));
        assertThat(byKey(stats.getList("door_checks"), "product", "refused")).isEqualTo(grouped("""
                SELECT d.product_slug, count(*) FILTER (WHERE NOT d.admitted) FROM door_check d
                JOIN attendee a ON a.id = d.attendee_id WHERE d.conference_id = ?
                  AND (CAST(? AS TEXT) IS NULL OR attendee_ticket_type(a.order_id) = ?) GROUP BY 1""",
                conference, ticketType));
        assertThat(stats.getList("recent.checkin_id", Long.class)).isEqualTo(List.copyOf(grouped("""
                SELECT lpad(CAST(row_number() OVER (ORDER BY c.checked_in_at DESC, c.id DESC) AS TEXT), 4, '0'), c.id"""
                + counted + " ORDER BY c.checked_in_at DESC, c.id DESC LIMIT 50", conference, ticketType).values()));
    }

    private static Map<String, Long> byKey(List<Map<String, Object>> rows, String... fields) {
        Map<String, Long> result = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < fields.length - 1; i++) {
                key.append(i == 0 ? "" : "|").append(row.get(fields[i]));
            }
            long value = ((Number) row.get(fields[fields.length - 1])).longValue();
            if (value != 0) {
                result.put(key.toString(), value);
            }
        }
        return result;
    }

    private long single(String sql, ConferenceRef conference, String ticketType) throws Exception {
        return grouped("SELECT '', (" + sql + ")", conference, ticketType).get("");
    }

    /** Runs a recount query with the conference and ticket type bound to its ?s (in that order, repeated). */
    private Map<String, Long> grouped(String sql, ConferenceRef conference, String ticketType) throws Exception {
        Map<String, Long> result = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameters = statement.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i++) {
                if (i % 3 == 1) {
                    statement.setLong(i, conference.id());
                } else {
                    statement.setString(i, ticketType);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long value = rows.getLong(2);
                    if (value != 0 || rows.getString(1).isEmpty()) {
                        result.put(rows.getString(1), value);
                    }
                }
            }
        }
        return result;
    }

    @Test
    void theStreamSendsTheStatisticsAtOnceAndAgainWhenTheyChangeWithHeartbeatsBetween() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(
                URI.create(root.toString().replaceAll("/$", "") + conference.base() + "/stats/stream"))
                .header("Authorization", "Bearer " + volunteerToken(conference)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            JsonPath first = nextStats(lines);
            assertThat(first.getLong("total")).isEqualTo(1);
            assertThat(first.getLong("checked_in")).isZero();

            post(conference, "/scan", Map.of("access_code", ada.accessCode(), "station", "Door A")).then().statusCode(200);
            JsonPath second = nextStats(lines);
            assertThat(second.getLong("checked_in")).isEqualTo(1);
            assertThat(second.getLong("inside")).isEqualTo(1);
            // nothing changes now: only heartbeats (comment lines) keep the connection busy
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean heartbeat = false;
            while (!heartbeat && System.nanoTime() < deadline) {
                String line = lines.poll(500, TimeUnit.MILLISECONDS);
                heartbeat = line != null && line.startsWith(":");
            }
            assertThat(heartbeat).as("a comment line within the heartbeat interval").isTrue();
        } finally {
            response.body().close();
        }
    }

    private static JsonPath nextStats(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean named = false;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals("event:stats") || line.equals("event: stats")) {
                named = true;
            } else if (named && line.startsWith("data:")) {
                return new JsonPath(line.substring(5).trim());
            }
        }
        throw new AssertionError("no stats event within 10 s");
    }

    @Test
    void theStreamNeedsCheckinPermissionOnThisConference() {
        ConferenceRef conference = conference();
        given().auth().oauth2(TestTokens.token("outsider", "conference:elsewhere:view_checkin"))
                .get(conference.base() + "/stats/stream").then().statusCode(403);
        given().get(conference.base() + "/stats/stream").then().statusCode(401);
    }
}
