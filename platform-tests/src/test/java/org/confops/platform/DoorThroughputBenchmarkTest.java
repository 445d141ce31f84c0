package org.confops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;

/**
 * Door throughput through the gateway with real Keycloak tokens (issue 11): 16 and 64 concurrent scanners on
 * 100 000 attendees seeded with SQL, each closed-loop after a warm-up, against pgbench running the statements a
 * scan runs (src/test/resources/benchmarks/door-scan.sql) on the same database in the same run; then p99 at a
 * fixed 250 scans/s, open loop (latency counted from when each scan was due, so a stall is not hidden).
 * Not part of the normal test run; see docs/benchmarks.md.
 */
@Tag("benchmark")
class DoorThroughputBenchmarkTest {

    private static final int ATTENDEES = Integer.getInteger("bench.attendees", 100_000);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 30);
    private static final int WARMUP_MAX_SECONDS = Integer.getInteger("bench.warmup.max", 240);
    private static final int SLICE_SECONDS = 5;
    private static final double SETTLED_COMPILER_SHARE = 0.05;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int OPEN_LOOP_RATE = Integer.getInteger("bench.rate", 250);
    /**
     * pgbench's clients at most: the machine's PostgreSQL is shared (max_connections 100) and check-in itself
     * never uses more than its pool (30) however many scanners wait at the gateway.
     */
    private static final int PGBENCH_MAX_CLIENTS = Integer.getInteger("bench.pgbench.max-clients", 30);

    private static Platform platform;

    /** The services as production runs them: the full JIT (tests start them C1-only, which caps throughput). */
    static final String SERVICE_JVM = System.getProperty("bench.service.jvm-options", "-Xmx512m");

    @BeforeAll
    static void start() throws Exception {
        System.setProperty(org.confops.testinfra.ServiceProcess.JVM_OPTIONS, SERVICE_JVM);
        platform = Platform.get();
    }

    record Run(int clients, long scans, long failed, double seconds, List<Long> nanos, String cpuPerScan) {

        Run(int clients, long scans, long failed, double seconds, List<Long> nanos) {
            this(clients, scans, failed, seconds, nanos, "");
        }

        double perSecond() {
            return scans / seconds;
        }

        double percentile(int p) {
            return nanos.isEmpty() ? Double.NaN
                    : nanos.get(Math.min(nanos.size() - 1, (int) Math.ceil(p / 100.0 * nanos.size()) - 1)) / 1e6;
        }
    }

    @Test
    void scansPerSecondAgainstPgbenchAndP99AtAFixedRate() throws Exception {
        long conferenceId = 900_000_000L + (System.currentTimeMillis() % 1_000_000);
        long base = conferenceId * 1_000L;
        String slug = "door-" + conferenceId;
        seed(conferenceId, slug, base);

        URI scan = URI.create(platform.url(Platform.Service.GATEWAY) + "/api/conferences/" + slug + "/checkin/scan");
        try (DoorScanners scanners = DoorScanners.open(scan, ATTENDEES, 64)) {
            measure(scanners, conferenceId, base);
        }
    }

    private static void measure(DoorScanners scanners, long conferenceId, long base) throws Exception {
        StringBuilder report = new StringBuilder(String.format(
                "door throughput: %,d attendees, gateway -> checkin-service, Keycloak token (volunteer role via "
                        + "superuser), scanners: %s, warm-up %d–%d s (until the JIT settles), measured %d s; "
                        + "services' JVM options: %s; load average before: %s%n",
                ATTENDEES, scanners.describe(), WARMUP_SECONDS, WARMUP_MAX_SECONDS, SECONDS, SERVICE_JVM,
                loadAverage()));
        List<String> rows = new ArrayList<>();
        for (int clients : new int[] {16, 64}) {
            String warmUp = warmUp(scanners, clients); // JIT, pools, caches; thrown away
            CpuUse cpu = CpuUse.start(stackParts());
            Run measured = closedLoop(scanners, clients, SECONDS);
            String cpuPerScan = cpu.perItem(measured.scans(), "scan");
            String relay = drainOutbox(); // pgbench and the next phase then have the machine to themselves
            int pgClients = Math.min(clients, PGBENCH_MAX_CLIENTS);
            pgbench(pgClients, 10, conferenceId, base); // pgbench warms too
            Map<String, LongPredicate> pgbenchParts = new LinkedHashMap<>();
            pgbenchParts.put("PostgreSQL", CpuUse.named("postgres"));
            pgbenchParts.put("pgbench", pid -> pid == ProcessHandle.current().pid()); // its parent, once reaped
            CpuUse pgbenchCpu = CpuUse.start(pgbenchParts);
            double tps = pgbench(pgClients, SECONDS, conferenceId, base);
            String cpuPerTransaction = pgbenchCpu.perItem(Math.round(tps * SECONDS), "pgbench transaction");
            String row = String.format("%d scanners: %.0f scans/s, p50 %.1f ms, p99 %.1f ms, failed %d | pgbench "
                    + "(same SQL, -c %d) %.0f tps | ratio %.2f | load %s | %s%n    %s%n    %s%n    %s", clients,
                    measured.perSecond(), measured.percentile(50), measured.percentile(99), measured.failed(),
                    pgClients, tps, measured.perSecond() / tps, loadAverage(), warmUp, relay, cpuPerScan,
                    cpuPerTransaction);
            Log.info(row);
            rows.add(row);
            assertThat(measured.failed()).isZero();
        }
        drainOutbox();
        Run fixed = openLoop(scanners, OPEN_LOOP_RATE, SECONDS);
        rows.add(String.format("open loop %d scans/s for %d s: sent %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                + "failed %d | load %s%n    %s", OPEN_LOOP_RATE, SECONDS, fixed.scans(), fixed.percentile(50),
                fixed.percentile(99), fixed.percentile(100), fixed.failed(), loadAverage(), fixed.cpuPerScan()));
        rows.forEach(row -> report.append(row).append('\n'));
        Log.info(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "door-throughput.txt"), report.toString());
        // an open loop above what the machine can answer times scans out: that is the measurement, not a fault
    }

    /** Paid orders with a ticket line and their attendees (codes D0000001…), straight into check-in's tables. */
    private static void seed(long conferenceId, String slug, long base) throws Exception {
        try (Connection db = platform.database(Platform.Service.CHECKIN); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO conference (id, slug, name, time_zone, version) VALUES (" + conferenceId + ", '"
                    + slug + "', 'Door benchmark', 'Europe/Berlin', 1)");
            sql.execute("INSERT INTO customer_order (id, conference_id, status, version) SELECT " + base
                    + " + g, " + conferenceId + ", 'paid', 1 FROM generate_series(1, " + ATTENDEES + ") g");
            sql.execute("INSERT INTO line_item (id, order_id, ticket_type_slug, addon_slug, description, quantity) "
                    + "SELECT " + base + " + g, " + base + " + g, 'regular', NULL, 'Regular ticket', 1 "
                    + "FROM generate_series(1, " + ATTENDEES + ") g");
            sql.execute("INSERT INTO attendee (id, conference_id, order_id, access_code, name, email, version) "
                    + "SELECT " + base + " + g, " + conferenceId + ", " + base + " + g, 'D' || lpad(g::text, 7, '0'), "
                    + "'Attendee ' || g, 'a' || g || '@example.org', 1 FROM generate_series(1, " + ATTENDEES + ") g");
            sql.execute("ANALYZE");
        }
    }

    /**
     * Scans for at least {@code bench.warmup} seconds, then on in slices of {@link #SLICE_SECONDS} until the JIT
     * compilers of check-in and the gateway have settled (under {@link #SETTLED_COMPILER_SHARE} of a core in the
     * last slice) or {@code bench.warmup.max} seconds have gone: on 2 busy cores C2 may still be compiling the
     * request path minutes after start, and a service that runs for days pays that once. Says how it went.
     */
    private static String warmUp(DoorScanners scanners, int clients) throws Exception {
        long start = System.nanoTime();
        closedLoop(scanners, clients, WARMUP_SECONDS);
        double compiling = Double.NaN;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(WARMUP_MAX_SECONDS)) {
            long before = compilerTicks();
            closedLoop(scanners, clients, SLICE_SECONDS);
            compiling = (compilerTicks() - before) / CpuUse.CLOCK_TICKS / SLICE_SECONDS;
            if (compiling < SETTLED_COMPILER_SHARE) {
                break;
            }
        }
        return String.format("warm-up %.0f s, JIT compilers (check-in + gateway) at %.0f%% of a core in its last %d s",
                (System.nanoTime() - start) / 1e9, compiling * 100, SLICE_SECONDS);
    }

    /** CPU time (clock ticks) the JIT compiler threads of check-in and the gateway have used so far. */
    private static long compilerTicks() throws java.io.IOException {
        return CpuUse.threadTicks(platform.pid(Platform.Service.CHECKIN), "CompilerThre")
                + CpuUse.threadTicks(platform.pid(Platform.Service.GATEWAY), "CompilerThre");
    }

    /** {@code clients} scanners, each sending its next scan as soon as the last is answered. */
    private static Run closedLoop(DoorScanners scanners, int clients, int seconds) throws Exception {
        String token = platform.login("admin");
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            scanUntil(scanners, token, end, nanos, failed, done);
        }
        assertThat(done.await(seconds + 60L, TimeUnit.SECONDS)).as("every scanner finished").isTrue();
        double took = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return new Run(clients, sorted.size(), failed.get(), took, sorted);
    }

    /** One scanner of a closed loop: its next scan leaves when the last is answered, until {@code end}. */
    private static void scanUntil(DoorScanners scanners, String token, long end, ConcurrentLinkedQueue<Long> nanos,
            AtomicInteger failed, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        scanners.scan(token).whenComplete((status, error) -> {
            nanos.add(System.nanoTime() - sent);
            if (error != null || status != 200) {
                failed.incrementAndGet();
            }
            if (error != null) {
                Log.warn("scanner stopped", error);
                done.countDown();
            } else {
                scanUntil(scanners, token, end, nanos, failed, done);
            }
        });
    }

    /** Scans due at a fixed rate whatever the answers do; each latency runs from when its scan was due. */
    private static Run openLoop(DoorScanners scanners, int perSecond, int seconds) throws Exception {
        String token = platform.login("admin");
        closedLoop(scanners, 16, 10); // fresh connections warmed
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        int total = perSecond * seconds;
        CountDownLatch answered = new CountDownLatch(total);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        CpuUse cpu = CpuUse.start(stackParts());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            // catch up on every scan that fell due, should the clock thread itself have been late
            long now = System.nanoTime();
            while (sent.get() < total && start + sent.get() * intervalNanos <= now) {
                long due = start + sent.getAndIncrement() * intervalNanos;
                scanners.scan(token).whenComplete((status, error) -> {
                    nanos.add(System.nanoTime() - due);
                    if (error != null || status != 200) {
                        failed.incrementAndGet();
                    }
                    answered.countDown();
                });
            }
        }, 100_000_000L, intervalNanos / 2, TimeUnit.NANOSECONDS);
        boolean all = answered.await(seconds + 120L, TimeUnit.SECONDS);
        clock.shutdownNow();
        assertThat(all).as("every scan answered").isTrue();
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return new Run(perSecond, sorted.size(), failed.get(), seconds, sorted, cpu.perItem(total, "scan"));
    }

    /**
     * Waits (at most 5 minutes) until check-in's relay has published every event of the scans so far, and says
     * how many were waiting and for how long: with every core busy answering scans the relay falls behind, and
     * its catching up would otherwise land in pgbench's run or the next phase.
     */
    private static String drainOutbox() throws Exception {
        long start = System.nanoTime();
        long waiting = outboxBacklog();
        long left = waiting;
        while (left > 0 && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(5)) {
            Thread.sleep(200);
            left = outboxBacklog();
        }
        return String.format("outbox: %,d events unpublished at the phase's end, published %.1f s later%s", waiting,
                (System.nanoTime() - start) / 1e9, left > 0 ? String.format(" (%,d still waiting)", left) : "");
    }

    private static long outboxBacklog() throws Exception {
        try (Connection db = platform.database(Platform.Service.CHECKIN); Statement sql = db.createStatement();
                ResultSet count = sql.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The parts of the machine a scan's CPU is counted against. */
    private static Map<String, LongPredicate> stackParts() {
        Map<String, LongPredicate> parts = new LinkedHashMap<>();
        long checkin = platform.pid(Platform.Service.CHECKIN);
        long gateway = platform.pid(Platform.Service.GATEWAY);
        long client = ProcessHandle.current().pid();
        parts.put("gateway", pid -> pid == gateway);
        parts.put("check-in", pid -> pid == checkin);
        parts.put("PostgreSQL", CpuUse.named("postgres"));
        parts.put("Kafka", CpuUse.commandLineContains("kafka.Kafka"));
        parts.put("scanners (this JVM)", pid -> pid == client);
        return parts;
    }

    /** pgbench with the scan's statements on check-in's database; its tps (without connection set-up). */
    private static double pgbench(int clients, int seconds, long conferenceId, long base) throws Exception {
        String url;
        String user;
        try (Connection db = platform.database(Platform.Service.CHECKIN)) {
            url = db.getMetaData().getURL();
            user = db.getMetaData().getUserName();
        }
        Matcher parts = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*").matcher(url);
        assertThat(parts.matches()).as(url).isTrue();
        Path script = Path.of("src", "test", "resources", "benchmarks", "door-scan.sql").toAbsolutePath();
        Process process = new ProcessBuilder("pgbench", "-n", "-M", "prepared", "-c", String.valueOf(clients),
                "-j", "2", "-T", String.valueOf(seconds), "-D", "conf=" + conferenceId, "-D", "base=" + base,
                "-D", "attendees=" + ATTENDEES, "-f", script.toString(), "-h", parts.group(1), "-p", parts.group(2),
                "-U", user, parts.group(3)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        assertThat(tps.find()).as(output).isTrue();
        return Double.parseDouble(tps.group(1));
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (Exception e) {
            return "?";
        }
    }
}
