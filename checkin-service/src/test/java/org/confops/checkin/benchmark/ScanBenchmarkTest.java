package org.confops.checkin.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.checkin.support.Fixtures;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.Concurrently;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Door throughput: 20 000 distinct badges scanned by 16 concurrent scanners over HTTP with a real token
 * (check-in row, first-time update and outbox event each), then latency percentiles. See docs/benchmarks.md.
 */
@QuarkusTest
@Tag("benchmark")
class ScanBenchmarkTest {

    private static final int BADGES = Integer.getInteger("bench.badges", 20_000);
    private static final int SCANNERS = 16;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void scansPerSecondAndLatency() throws Exception {
        ConferenceRef conference = Fixtures.conference();
        long base = Fixtures.seedRange(BADGES);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    INSERT INTO customer_order (id, conference_id, status, version)
                    SELECT ?1 + g, ?2, 'paid', 1 FROM generate_series(1, ?3) g""")
                    .setParameter(1, base).setParameter(2, conference.id()).setParameter(3, BADGES).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO line_item (id, order_id, ticket_type_slug, addon_slug, description, quantity)
                    SELECT ?1 + g, ?1 + g, 'regular', NULL, 'Regular ticket', 1 FROM generate_series(1, ?2) g""")
                    .setParameter(1, base).setParameter(2, BADGES).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO attendee (id, conference_id, order_id, access_code, name, email, version)
                    SELECT ?1 + g, ?2, ?1 + g, 'S' || lpad(g::text, 7, '0'), 'Attendee ' || g, 'a' || g || '@x.org', 1
                    FROM generate_series(1, ?3) g""")
                    .setParameter(1, base).setParameter(2, conference.id()).setParameter(3, BADGES).executeUpdate();
        });
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE").executeUpdate());
        HttpClient http = HttpClient.newHttpClient();
        String token = Fixtures.volunteerToken(conference);
        URI scan = URI.create("http://localhost:" + port + conference.base() + "/scan");
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

        long start = System.nanoTime();
        List<Integer> failures = Concurrently.run(SCANNERS, () -> {
            int failed = 0;
            for (int i; (i = next.incrementAndGet()) <= BADGES;) {
                HttpRequest request = HttpRequest.newBuilder(scan).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"access_code\":\"S" + String.format("%07d", i) + "\",\"station\":\"Door A\"}"))
                        .build();
                long sent = System.nanoTime();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                latencies.add(System.nanoTime() - sent);
                failed += status == 200 ? 0 : 1;
            }
            return failed;
        });
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(failures).containsOnly(0);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String report = String.format("scan badges=%d scanners=%d seconds=%.1f scans_per_second=%.0f "
                + "p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f%n", BADGES, SCANNERS, seconds, BADGES / seconds,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
        Log.info(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "scan.txt"), report);
    }

    private static double percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
