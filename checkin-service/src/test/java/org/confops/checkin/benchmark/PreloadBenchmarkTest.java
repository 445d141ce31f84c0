package org.confops.checkin.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.checkin.support.Fixtures;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Offline preload of 100 000 attendees (each with a ticket and an add-on): time to the last byte and the
 * application's peak heap growth while streaming, as plain JSON, gzipped, and revalidated with its ETag (304). Not part of the normal test run; see docs/benchmarks.md.
 */
@QuarkusTest
@Tag("benchmark")
class PreloadBenchmarkTest {

    private static final int ATTENDEES = Integer.getInteger("bench.attendees", 100_000);
    private static final int RUNS = 5;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** Two sizes: time should grow with the count, the heap should not. */
    @Test
    void preloadOfOneHundredThousandAttendees() throws Exception {
        StringBuilder report = new StringBuilder();
        for (int attendees : new int[] { ATTENDEES / 5, ATTENDEES }) {
            report.append(measure(attendees));
        }
        Log.info(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "preload.txt"), report);
    }

    private String measure(int attendees) throws Exception {
        ConferenceRef conference = Fixtures.conference();
        seed(conference.id(), attendees);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder preload = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + conference.base() + "/preload"))
                .header("Authorization", "Bearer " + Fixtures.volunteerToken(conference));
        StringBuilder report = new StringBuilder();
        // as JSON, then gzipped (time includes unpacking it, as a scanner must), then revalidated (304)
        report.append(runs(attendees, "identity", http, preload.copy().build(), false));
        report.append(runs(attendees, "gzip", http, preload.copy().header("Accept-Encoding", "gzip").build(), true));
        String etag = null;
        for (int i = 0; i < 100 && etag == null; i++) {
            etag = http.send(preload.copy().build(), HttpResponse.BodyHandlers.discarding()).headers()
                    .firstValue("ETag").orElse(null);
        }
        assertThat(etag).as("an ETag for the unchanged preload").isNotNull();
        report.append(runs(attendees, "if-none-match", http, preload.copy().header("If-None-Match", etag).build(),
                false));
        return report.toString();
    }

    private String runs(int attendees, String mode, HttpClient http, HttpRequest request, boolean gzip)
            throws Exception {
        download(http, request, gzip); // warm-up
        List<Long> millis = new ArrayList<>();
        long[] bytes = { 0, 0 };
        long peakHeapGrowth = 0;
        for (int i = 0; i < RUNS; i++) {
            System.gc();
            long before = heapUsed();
            resetPeaks();
            long start = System.nanoTime();
            bytes = download(http, request, gzip);
            millis.add((System.nanoTime() - start) / 1_000_000);
            peakHeapGrowth = Math.max(peakHeapGrowth, peakHeap() - before);
        }
        millis.sort(Long::compare);
        if (!"if-none-match".equals(mode)) {
            assertThat(bytes[1]).isGreaterThan(attendees * 100L);
        }
        return String.format("preload attendees=%d mode=%s wire_bytes=%d json_bytes=%d runs=%d min_ms=%d median_ms=%d"
                + " max_ms=%d peak_heap_growth_mb=%d%n", attendees, mode, bytes[0], bytes[1], RUNS, millis.get(0),
                millis.get(RUNS / 2), millis.get(RUNS - 1), peakHeapGrowth / (1024 * 1024));
    }

    private void seed(long conferenceId, int count) {
        long base = Fixtures.seedRange(3L * count);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    INSERT INTO customer_order (id, conference_id, status, version)
                    SELECT ?1 + g, ?2, 'paid', 1 FROM generate_series(1, ?3) g""")
                    .setParameter(1, base).setParameter(2, conferenceId).setParameter(3, count).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO line_item (id, order_id, ticket_type_slug, addon_slug, description, quantity)
                    SELECT ?1 + g, ?1 + g, 'regular', NULL, 'Regular ticket', 1 FROM generate_series(1, ?2) g
                    UNION ALL
                    SELECT ?1 + ?2 + g, ?1 + g, NULL, 'lunch', 'Lunch (3 days)', 3 FROM generate_series(1, ?2) g""")
                    .setParameter(1, base).setParameter(2, count).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO attendee (id, conference_id, order_id, access_code, name, email, version)
                    SELECT ?1 + g, ?2, ?1 + g, 'B' || lpad(g::text, 7, '0') || ?1, 'Attendee ' || g,
                           'a' || g || '@example.org', 1
                    FROM generate_series(1, ?3) g""")
                    .setParameter(1, base).setParameter(2, conferenceId).setParameter(3, count).executeUpdate();
        });
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE").executeUpdate());
    }

    /** Reads the whole answer: the bytes on the wire and the JSON bytes (unpacked when gzipped). */
    private static long[] download(HttpClient http, HttpRequest request, boolean gzip) throws Exception {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isIn(200, 304);
        if (gzip) {
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        }
        CountingStream wire = new CountingStream(response.body());
        long json = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = gzip ? new GZIPInputStream(wire, 64 * 1024) : wire) {
            for (int n; (n = body.read(buffer)) > 0;) {
                json += n;
            }
        }
        return new long[] { wire.count, json };
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long heapUsed() {
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
