package org.confops.checkin.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.checkin.support.Fixtures;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Keyed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How fast check-in's projection applies the catalog's events, on the real broker and database: a conference of
 * 100 000 paid orders until every badge is scannable, and attendee events in chunks of 100 000 while the table grows
 * to 1 000 000 rows, against a raw set-based INSERT of the same rows in the same run. See docs/benchmarks.md.
 */
@QuarkusTest
@Tag("benchmark")
class ProjectionBenchmarkTest {

    private static final int ORDERS = Integer.getInteger("bench.orders", 100_000);
    private static final int CHUNK = Integer.getInteger("bench.chunk", 100_000);
    private static final int CHUNKS = Integer.getInteger("bench.chunks", 10);

    @Inject
    EntityManager em;

    private long count(String sql, long conferenceId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, conferenceId).getSingleResult()).longValue());
    }

    private static Map<String, Object> attendee(long id, long conferenceId, long orderId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("conference_id", conferenceId);
        data.put("order_id", orderId);
        data.put("access_code", "B" + Long.toString(id, 36).toUpperCase());
        data.put("name", "Attendee " + id);
        data.put("email", "a" + id + "@example.org");
        data.put("version", 1);
        return data;
    }

    private static Map<String, Object> order(long id, long conferenceId, long attendeeId, long lineId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("conference_id", conferenceId);
        data.put("status", "paid");
        data.put("attendee_id", attendeeId);
        data.put("line_items", List.of(Map.of("id", lineId, "ticket_type_slug", "regular",
                "description", "Regular ticket", "quantity", 1)));
        data.put("version", 1);
        return data;
    }

    @Test
    void projectionThroughput() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(wholeConference());
        report.append(growingTable());
        Log.info(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "projection.txt"), report);
    }

    /** 100 000 orders and their attendees: from the last event published to every badge scannable. */
    private String wholeConference() {
        ConferenceRef conference = Fixtures.conference();
        long first = Fixtures.seedRange(3L * ORDERS);
        List<Keyed> orders = new ArrayList<>(ORDERS);
        List<Keyed> attendees = new ArrayList<>(ORDERS);
        for (int i = 0; i < ORDERS; i++) {
            long orderId = first + 3L * i;
            long attendeeId = orderId + 1;
            orders.add(new Keyed(String.valueOf(orderId), order(orderId, conference.id(), attendeeId, orderId + 2)));
            attendees.add(new Keyed(String.valueOf(attendeeId), attendee(attendeeId, conference.id(), orderId)));
        }
        long start = System.nanoTime();
        PlatformEvents.publishMany("orders", "order.changed", orders);
        PlatformEvents.publishMany("attendees", "attendee.changed", attendees);
        long published = System.nanoTime();
        String scannable = """
                SELECT count(*) FROM attendee a JOIN customer_order o ON o.id = a.order_id
                WHERE a.conference_id = ?1 AND o.status = 'paid'
                  AND EXISTS (SELECT 1 FROM line_item l WHERE l.order_id = o.id)""";
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> count(scannable, conference.id()) == ORDERS);
        long done = System.nanoTime();
        double afterLast = (done - published) / 1e9;
        double total = (done - start) / 1e9;
        return String.format("""
                whole conference: %,d paid orders + %,d attendees (%,d events)
                  publishing took %.1f s; all scannable %.1f s after the last event was published (%.1f s from the first)
                  %,.0f events/s applied end to end
                """, ORDERS, ORDERS, 2 * ORDERS, (published - start) / 1e9, afterLast, total, 2 * ORDERS / total);
    }

    /** Attendee events in chunks while the table grows, against a raw INSERT of as many rows. */
    private String growingTable() {
        ConferenceRef conference = Fixtures.conference();
        double rawRate = rawInsertRate(conference.id());
        StringBuilder report = new StringBuilder(String.format(
                "growing table: chunks of %,d attendee.changed; raw set-based INSERT of the same rows: %,.0f rows/s%n",
                CHUNK, rawRate));
        String applied = "SELECT count(*) FROM attendee WHERE conference_id = ?1";
        long held = 0;
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            long first = Fixtures.seedRange(CHUNK);
            List<Keyed> events = new ArrayList<>(CHUNK);
            for (int i = 0; i < CHUNK; i++) {
                events.add(new Keyed(String.valueOf(first + i), attendee(first + i, conference.id(), first + i)));
            }
            long totalRows = count("SELECT count(*) FROM attendee WHERE conference_id > ?1 - ?1", 0);
            long start = System.nanoTime();
            PlatformEvents.publishMany("attendees", "attendee.changed", events);
            long target = held + CHUNK;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> count(applied, conference.id()) == target);
            held = target;
            double seconds = (System.nanoTime() - start) / 1e9;
            report.append(String.format("  chunk %2d: table had %,9d rows; %,.0f events/s (%.2f of raw INSERT)%n",
                    chunk + 1, totalRows, CHUNK / seconds, CHUNK / seconds / rawRate));
        }
        assertThat(held).isEqualTo((long) CHUNK * CHUNKS);
        return report.toString();
    }

    /** The machine's own speed for these rows: one INSERT … SELECT into a copy of the table with its indexes. */
    private double rawInsertRate(long conferenceId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("DROP TABLE IF EXISTS bench_attendee").executeUpdate();
            em.createNativeQuery("CREATE TABLE bench_attendee (LIKE attendee INCLUDING ALL)").executeUpdate();
            long start = System.nanoTime();
            em.createNativeQuery("""
                    INSERT INTO bench_attendee (id, conference_id, order_id, access_code, name, email, version)
                    SELECT g, ?1, g, 'R' || g, 'Attendee ' || g, 'a' || g || '@example.org', 1
                    FROM generate_series(1, ?2) g""").setParameter(1, conferenceId).setParameter(2, CHUNK)
                    .executeUpdate();
            double rate = CHUNK / ((System.nanoTime() - start) / 1e9);
            em.createNativeQuery("DROP TABLE bench_attendee").executeUpdate();
            return rate;
        });
    }
}
