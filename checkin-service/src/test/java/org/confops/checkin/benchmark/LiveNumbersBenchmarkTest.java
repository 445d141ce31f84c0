package org.confops.checkin.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.checkin.domain.Conference;
import org.confops.checkin.repository.ConferenceRepository;
import org.confops.checkin.service.StatisticsService;
import org.confops.checkin.support.Fixtures;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.Concurrently;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The live-numbers targets at conference scale: 100 000 paid attendees, 60 000 of them checked in across
 * 8 stations with 1 000 000 movements (seeded with SQL, with the counts the service keeps), then
 * statistics (served and computed), bulk sync throughput, 50 devices reconnecting with 2 000 queued items each
 * while 8 scanners keep scanning online, and the full preload. Production settings for statistics and sync
 * (not the test profile's). See docs/benchmarks.md.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(LiveNumbersBenchmarkTest.ProductionSettings.class)
class LiveNumbersBenchmarkTest {

    public static class ProductionSettings implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            java.util.Map<String, String> settings = new java.util.HashMap<>(java.util.Map.of(
                    "checkin.stats.min-interval", "1s", "checkin.stats.heartbeat", "10s",
                    "confops.outbox.retention", "0s"));
            // production's sync settings (application.properties; the test profile lets 8 run at once), unless a
            // run asks for others: -Dbench.sync.max-concurrent=2
            java.util.Map.of("max-concurrent", "1", "queue", "2", "queue-wait", "2s", "chunk-size", "250",
                    "yield-to-door", "0s").forEach((setting, production) -> settings.put("checkin.sync." + setting,
                            System.getProperty("bench.sync." + setting, production)));
            return settings;
        }
    }

    private static final int ATTENDEES = Integer.getInteger("bench.attendees", 100_000);
    private static final int CHECKED_IN = ATTENDEES * 6 / 10;
    private static final int MOVEMENTS = Integer.getInteger("bench.movements", 1_000_000);
    private static final int DEVICES = Integer.getInteger("bench.devices", 50);
    private static final int QUEUED = Integer.getInteger("bench.queued", 2_000);
    private static final int ONLINE_SCANNERS = 8;
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup.rounds", 3);
    private static final int WARMUP_MAX_SECONDS = Integer.getInteger("bench.warmup.max", 240);
    /** The phases to run (all by default; a profiling run may pick one, e.g. -Dbench.parts=sync,storm). */
    private static final List<String> PARTS = List.of(System.getProperty("bench.parts", "stats,sync,storm,preload")
            .split(","));

    @Inject
    EntityManager em;

    @Inject
    StatisticsService statistics;

    @Inject
    DataSource dataSource;

    @Inject
    ConferenceRepository conferences;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /**
     * Each device and scanner on a connection of its own, speaking HTTP/1.1 as a browser does over plain HTTP
     * (since 2026-11-26 12:15). {@code -Dbench.http=2} gives what earlier runs measured: the JDK client upgraded to
     * cleartext HTTP/2 and multiplexed all 58 clients, uploads and online scans alike, over one connection.
     */
    private final HttpClient http = HttpClient.newBuilder()
            .version("2".equals(System.getProperty("bench.http", "1.1")) ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .build();
    private final StringBuilder report = new StringBuilder();

    @Test
    void liveNumbersAtConferenceScale() throws Exception {
        line("load_average_start=%s", Files.readString(Path.of("/proc/loadavg")).trim());
        ConferenceRef conference = Fixtures.conference();
        long base = Fixtures.seedRange(ATTENDEES);
        seed(conference, base);
        String token = Fixtures.volunteerToken(conference);
        line("baseline raw_insert_100000_rows_ms=%d", rawInsertMillis());

        if (PARTS.contains("stats")) {
            statistics(conference, token);
        }
        URI sync = URI.create("http://localhost:" + port + conference.base() + "/sync");
        if (PARTS.contains("sync") || PARTS.contains("storm")) {
            warmUp(conference, token, sync);
        }
        if (PARTS.contains("sync")) {
            syncThroughput(token, sync);
        }
        if (PARTS.contains("storm")) {
            reconnectionStorm(conference, token, sync);
        }
        if (PARTS.contains("preload")) {
            vacuum(); // the storm's 100 000 movements, as autovacuum would have by then
            preload(conference, token);
        }
        line("load_average_end=%s", Files.readString(Path.of("/proc/loadavg")).trim());
        Log.info(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "live.txt"), report);
    }

    /** The full recount the old service did per request, one snapshot computation, one served answer. */
    private void statistics(ConferenceRef conference, String token) throws Exception {
        line("stats full_recount_ms=%d (what each request cost before)", recountMillis(conference.id()));
        Conference entity = QuarkusTransaction.requiringNew().call(() -> conferences.findById(conference.id()));
        List<Long> computes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            statistics.compute(entity, null);
            computes.add(System.nanoTime() - start);
        }
        line("stats snapshot_compute %s (once per interval for all viewers)", percentiles(computes));
        URI stats = URI.create("http://localhost:" + port + conference.base() + "/stats");
        get(stats, token);
        List<Long> served = Collections.synchronizedList(new ArrayList<>());
        for (int viewers : new int[] {1, 32}) {
            served.clear();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Concurrently.run(viewers, () -> {
                while (System.nanoTime() < until) {
                    long start = System.nanoTime();
                    assertThat(get(stats, token)).isEqualTo(200);
                    served.add(System.nanoTime() - start);
                }
                return null;
            });
            line("stats served viewers=%d requests=%d %s", viewers, served.size(), percentiles(new ArrayList<>(served)));
        }
    }

    /** Uploads of 500 new scans one after another, then one replayed. */
    private void syncThroughput(String token, URI sync) {
        int uploads = 20;
        String firstUpload = null;
        long start = System.nanoTime();
        for (int u = 0; u < uploads; u++) {
            String body = upload(CHECKED_IN + u * 500, 500, Instant.now().minus(30, ChronoUnit.MINUTES));
            firstUpload = firstUpload == null ? body : firstUpload;
            assertThat(post(sync, token, body)).isEqualTo(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        line("sync items=%d uploads_of_500=%d seconds=%.2f items_per_second=%.0f", uploads * 500, uploads, seconds,
                uploads * 500 / seconds);
        start = System.nanoTime();
        assertThat(post(sync, token, firstUpload)).isEqualTo(200);
        line("sync replay_of_500_ms=%d", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Small storms (10 devices, 1 000 queued items each, with the online scanners) until the JIT compilers have
     * settled: a venue's uplink fails in the middle of a day the service has served since the morning, so the
     * storm meets a warm JVM. At least {@code bench.warmup.rounds} rounds (3; 0 measures the cold JVM, as runs
     * before 2026-11-26 17:45 did), then more until compiling took under 5 % of a round, for
     * {@code bench.warmup.max} seconds (240) at most: on 2 shared cores C2 is still compiling the service's paths
     * minutes after its start.
     */
    private void warmUp(ConferenceRef conference, String token, URI sync) throws Exception {
        if (WARMUP_ROUNDS == 0) {
            line("warmup none (cold JVM)");
            return;
        }
        var compiler = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        int rounds = 0;
        double compiling;
        do {
            long compiledBefore = compiler.getTotalCompilationTime();
            long roundStart = System.nanoTime();
            storm(conference, token, sync, 10, 1_000, ATTENDEES / 2);
            double roundMillis = (System.nanoTime() - roundStart) / 1e6;
            compiling = (compiler.getTotalCompilationTime() - compiledBefore) / roundMillis;
            rounds++;
        } while (rounds < WARMUP_ROUNDS
                || compiling > 0.05 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(WARMUP_MAX_SECONDS));
        line("warmup rounds=%d seconds=%.1f compiling_in_last_round=%.0f%%", rounds, (System.nanoTime() - start) / 1e9,
                compiling * 100);
        vacuum(); // the warm-up's 10 000 attendees moved once a round
    }

    /** 50 devices upload 2 000 queued items each (500 a request, honouring 429 Retry-After) while 8 scan online. */
    private void reconnectionStorm(ConferenceRef conference, String token, URI sync) throws Exception {
        long[] gcBefore = collections();
        Storm storm = storm(conference, token, sync, DEVICES, QUEUED, 0);
        long[] gcAfter = collections();
        line("storm devices=%d queued_each=%d items=%d drained_seconds=%.1f items_per_second=%.0f answers_429=%d",
                DEVICES, QUEUED, DEVICES * QUEUED, storm.seconds(), DEVICES * QUEUED / storm.seconds(), storm.shed());
        line("storm online_scans=%d failures=%d %s", storm.online().size(), storm.onlineFailures(),
                percentiles(storm.online()));
        line("storm jvm_collections=%d collection_ms=%d (the JVM that runs the service and the clients)",
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    }

    /** Garbage collections so far in this JVM: their count and their time (ms). */
    private static long[] collections() {
        long count = 0;
        long millis = 0;
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private record Storm(double seconds, int shed, List<Long> online, long onlineFailures) {
    }

    /** {@code devices} upload {@code queued} items each, from attendee {@code offset} on, while 8 scan online. */
    private Storm storm(ConferenceRef conference, String token, URI sync, int devices, int queued, int offset)
            throws Exception {
        URI scan = URI.create("http://localhost:" + port + conference.base() + "/scan");
        AtomicBoolean draining = new AtomicBoolean(true);
        AtomicInteger shed = new AtomicInteger();
        AtomicInteger device = new AtomicInteger();
        List<Long> online = Collections.synchronizedList(new ArrayList<>());
        AtomicLong onlineFailures = new AtomicLong();
        Thread[] scanners = new Thread[ONLINE_SCANNERS];
        for (int s = 0; s < ONLINE_SCANNERS; s++) {
            scanners[s] = new Thread(() -> {
                while (draining.get()) {
                    int attendee = ThreadLocalRandom.current().nextInt(1, ATTENDEES + 1);
                    long sent = System.nanoTime();
                    int status = post(scan, token, "{\"access_code\":\"L" + String.format("%07d", attendee)
                            + "\",\"station\":\"Door Z\"}");
                    online.add(System.nanoTime() - sent);
                    onlineFailures.addAndGet(status == 200 ? 0 : 1);
                    sleep(100);
                }
            });
            scanners[s].start();
        }
        sleep(1000);
        online.clear();
        Instant offline = Instant.now().minus(30, ChronoUnit.MINUTES);
        long start = System.nanoTime();
        Concurrently.run(devices, () -> {
            int d = device.getAndIncrement();
            for (int from = 0; from < queued; from += 500) {
                String body = upload((offset + d * queued + from) % ATTENDEES, 500, offline);
                int status;
                while ((status = post(sync, token, body)) == 429) {
                    shed.incrementAndGet();
                    sleep(1000);
                }
                assertThat(status).isEqualTo(200);
            }
            return null;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        draining.set(false);
        for (Thread scanner : scanners) {
            scanner.join();
        }
        return new Storm(seconds, shed.get(), new ArrayList<>(online), onlineFailures.get());
    }

    /** As a script would fetch it (plain) and as the scanner's browser does (gzip, which every browser accepts). */
    private void preload(ConferenceRef conference, String token) throws Exception {
        URI preload = URI.create("http://localhost:" + port + conference.base() + "/preload");
        for (String encoding : new String[] {"identity", "gzip"}) {
            List<Long> times = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(preload)
                        .header("Authorization", "Bearer " + token).header("Accept-Encoding", encoding).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Encoding").orElse("identity")).isEqualTo(encoding);
                bytes = response.body().length;
                if (i > 0) {
                    times.add(System.nanoTime() - start);
                }
            }
            line("preload encoding=%s attendees=%d checked_in>=%d bytes=%d %s", encoding, ATTENDEES, CHECKED_IN, bytes,
                    percentiles(times));
        }
    }

    private void seed(ConferenceRef conference, long base) {
        long started = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(1200).run(() -> {
            em.createNativeQuery("""
                    INSERT INTO customer_order (id, conference_id, status, version)
                    SELECT ?1 + g, ?2, 'paid', 1 FROM generate_series(1, ?3) g""")
                    .setParameter(1, base).setParameter(2, conference.id()).setParameter(3, ATTENDEES).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO line_item (id, order_id, ticket_type_slug, addon_slug, description, quantity)
                    SELECT ?1 * 2 + g, ?1 + g, 'regular', NULL, 'Regular ticket', 1 FROM generate_series(1, ?2) g
                    UNION ALL
                    SELECT ?1 * 2 + ?2 + g, ?1 + g, NULL, 'lunch', 'Lunch', 2 FROM generate_series(1, ?2) g""")
                    .setParameter(1, base).setParameter(2, ATTENDEES).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO attendee (id, conference_id, order_id, access_code, name, email, version)
                    SELECT ?1 + g, ?2, ?1 + g, 'L' || lpad(g::text, 7, '0'), 'Attendee ' || g, 'a' || g || '@x.org', 1
                    FROM generate_series(1, ?3) g""")
                    .setParameter(1, base).setParameter(2, conference.id()).setParameter(3, ATTENDEES).executeUpdate();
            // 1 000 000 movements of 60 000 attendees over the last 10 hours at 8 stations; each attendee's
            // movements alternate entry/exit, and about half of them are inside now
            em.createNativeQuery("""
                    INSERT INTO check_in (attendee_id, conference_id, station, checked_in_at, recorded_at, direction,
                      actor_subject, actor_name)
                    SELECT ?1 + 1 + g % ?3, ?2, 'Door ' || (g % 8), now() - g * interval '36 ms',
                      now() - g * interval '36 ms',
                      CASE WHEN ((g / ?3) + (g % ?3) % 2) % 2 = 0 THEN 'entry' ELSE 'exit' END, 'seed', 'Seed'
                    FROM generate_series(0, ?4 - 1) g""")
                    .setParameter(1, base).setParameter(2, conference.id()).setParameter(3, CHECKED_IN)
                    .setParameter(4, MOVEMENTS).executeUpdate();
            // what the service keeps with each movement, set once for the seeded ones
            em.createNativeQuery("""
                    UPDATE attendee a SET first_checked_in_at = f.first, inside = f.inside, last_moved_at = f.moved,
                      last_entry_at = f.entered
                    FROM (SELECT attendee_id, min(checked_in_at) FILTER (WHERE direction = 'entry') AS first,
                            (array_agg(direction ORDER BY checked_in_at DESC, id DESC))[1] = 'entry' AS inside,
                            max(checked_in_at) AS moved, max(checked_in_at) FILTER (WHERE direction = 'entry') AS entered
                          FROM check_in WHERE conference_id = ?1 GROUP BY attendee_id) f
                    WHERE f.attendee_id = a.id""").setParameter(1, conference.id()).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO tally (conference_id, metric, ticket_type, dimension, bucket, value)
                    SELECT ?1, 'entries', 'regular', coalesce(station, ''),
                      date_bin('15 minutes', checked_in_at, TIMESTAMPTZ 'epoch'), count(*)
                    FROM check_in WHERE conference_id = ?1 AND direction = 'entry' GROUP BY 4, 5""")
                    .setParameter(1, conference.id()).executeUpdate();
        });
        // VACUUM too: otherwise autovacuum works through the million fresh rows during the timed phases
        vacuum();
        line("seed attendees=%d movements=%d seconds=%.1f", ATTENDEES, MOVEMENTS, (System.nanoTime() - started) / 1e9);
    }

    /**
     * What autovacuum does between the phases of a real day: without it (this machine's PostgreSQL runs with it
     * off) every movement leaves a dead version of its attendee's row behind, which each later lookup of that
     * attendee steps over.
     */
    private void vacuum() {
        try (Connection connection = dataSource.getConnection(); Statement vacuum = connection.createStatement()) {
            connection.setAutoCommit(true);
            vacuum.execute("VACUUM ANALYZE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statistics as the service computed them per request before (every movement read). */
    private long recountMillis(long conferenceId) {
        long start = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String sql : List.of(
                    "SELECT count(*) FROM attendee a JOIN customer_order o ON o.id = a.order_id WHERE a.conference_id = ?1 AND o.status IN ('paid', 'partially_refunded') AND a.first_checked_in_at IS NOT NULL",
                    "SELECT count(DISTINCT attendee_id) FROM check_in WHERE conference_id = ?1 AND direction = 'entry' AND checked_in_at >= date_trunc('day', now()) AND annulled_at IS NULL",
                    "SELECT count(*) FROM (SELECT DISTINCT ON (attendee_id) direction FROM check_in WHERE conference_id = ?1 AND annulled_at IS NULL ORDER BY attendee_id, checked_in_at DESC, id DESC) l WHERE direction = 'entry'",
                    "SELECT count(*) FROM (SELECT station, count(*) FROM check_in WHERE conference_id = ?1 AND direction = 'entry' AND annulled_at IS NULL GROUP BY station) s")) {
                em.createNativeQuery(sql).setParameter(1, conferenceId).getSingleResult();
            }
        });
        return (System.nanoTime() - start) / 1_000_000;
    }

    private long rawInsertMillis() {
        long start = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("CREATE TEMP TABLE bench_raw (id BIGINT PRIMARY KEY, code TEXT) ON COMMIT DROP")
                    .executeUpdate();
            em.createNativeQuery("INSERT INTO bench_raw SELECT g, 'L' || g FROM generate_series(1, 100000) g")
                    .executeUpdate();
        });
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String upload(int from, int count, Instant around) {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < count; i++) {
            int attendee = (from + i) % ATTENDEES + 1;
            body.append(i == 0 ? "" : ",").append("{\"nonce\":\"").append(UUID.randomUUID())
                    .append("\",\"type\":\"scan\",\"access_code\":\"L").append(String.format("%07d", attendee))
                    .append("\",\"station\":\"Door ").append(i % 8).append("\",\"client_time\":\"")
                    .append(around.plusMillis(i)).append("\"}");
        }
        return body.append("]}").toString();
    }

    private int get(URI uri, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int post(URI uri, String token, String body) {
        try {
            return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        Log.info(text);
        report.append(text).append('\n');
    }

    private static String percentiles(List<Long> nanos) {
        Collections.sort(nanos);
        return String.format("p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f", at(nanos, 50), at(nanos, 95),
                at(nanos, 99), nanos.get(nanos.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
