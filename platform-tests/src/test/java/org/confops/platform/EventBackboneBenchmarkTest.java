package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The event backbone across real services, broker and databases: how long after the catalog commits a payment the
 * badge is scannable at check-in, and how long after a 100 000-code fulfilment the catalog accepts every code.
 * Not part of the normal test run; see docs/benchmarks.md.
 */
@Tag("benchmark")
class EventBackboneBenchmarkTest {

    private static final int ORDERS = Integer.getInteger("bench.orders", 1_000);
    private static final int CODES = Integer.getInteger("bench.codes", 100_000);
    private static final int WARMUP_CODES = Integer.getInteger("bench.codes.warmup", 20_000);

    private static Platform platform;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        // The services as production runs them (the full JIT), as the door benchmark does: C1-only caps throughput.
        System.setProperty(org.confops.testinfra.ServiceProcess.JVM_OPTIONS, DoorThroughputBenchmarkTest.SERVICE_JVM);
        platform = Platform.get();
        admin = platform.login("admin");
    }

    private static String catalog(String path) {
        return platform.url(Platform.Service.CATALOG) + path;
    }

    private static String conferenceWithTicket(String prefix, String price) {
        String slug = prefix + "-" + System.currentTimeMillis();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Bench", "start_date", "2027-06-01", "end_date", "2027-06-02",
                        "time_zone", "Europe/Amsterdam"))
                .post(catalog("/api/conferences")).then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", "regular", "name", "Regular ticket", "price", price, "bulk_enabled", true))
                .post(catalog("/api/conferences/" + slug + "/ticket-types")).then().statusCode(201);
        return slug;
    }

    private static void write(String name, String report) throws Exception {
        Log.info(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", name), report);
    }

    @Test
    void orderPaidToScannableAtTheDoor() throws Exception {
        String slug = conferenceWithTicket("latency", "100");
        List<Double> millis = new ArrayList<>();
        try (Connection checkin = platform.database(Platform.Service.CHECKIN);
                PreparedStatement scannable = checkin.prepareStatement("""
                        SELECT 1 FROM attendee a JOIN customer_order o ON o.id = a.order_id
                        WHERE o.id = ? AND o.status = 'paid'""")) {
            for (int i = 0; i < ORDERS + 50; i++) {
                long id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                        .body(Map.of("attendee", Map.of("name", "Guest " + i, "email", "g" + i + "@example.org"),
                                "ticket_type", "regular"))
                        .post(catalog("/api/conferences/" + slug + "/orders")).then().statusCode(201)
                        .extract().jsonPath().getLong("id");
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reference", "pay-" + id))
                        .post(catalog("/api/conferences/" + slug + "/orders/" + id + "/payments")).then()
                        .statusCode(201);
                long paid = System.nanoTime();
                scannable.setLong(1, id);
                while (true) {
                    try (ResultSet row = scannable.executeQuery()) {
                        if (row.next()) {
                            break;
                        }
                    }
                    if (System.nanoTime() - paid > Duration.ofSeconds(30).toNanos()) {
                        throw new AssertionError("order " + id + " not scannable after 30 s");
                    }
                    Thread.sleep(1);
                }
                if (i >= 50) { // the first 50 warm up both JVMs
                    millis.add((System.nanoTime() - paid) / 1e6);
                }
            }
        }
        Collections.sort(millis);
        write("paid-to-scannable.txt", String.format(
                "order paid -> scannable at check-in, %d orders one after another (after 50 warm-up):%n"
                        + "  p50 %.0f ms  p90 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                millis.size(), percentile(millis, 50), percentile(millis, 90), percentile(millis, 99),
                millis.get(millis.size() - 1)));
        assertThat(percentile(millis, 99)).isLessThan(30_000);
    }

    @Test
    void fulfilledCodesAreAllUsableAtOrdering() throws Exception {
        String slug = conferenceWithTicket("codes", "300");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", "initech", "name", "Initech", "level", "gold"))
                .post(catalog("/api/conferences/" + slug + "/sponsors")).then().statusCode(201);
        String bulk = platform.url(Platform.Service.BULK_PURCHASE) + "/api/conferences/" + slug + "/bulk-purchases";
        // Warm-up, thrown away: the services as they would be after running a while (JIT, pools, caches).
        long warmUp = approvedPurchase(bulk, WARMUP_CODES);
        given().auth().oauth2(admin).contentType(ContentType.JSON).post(bulk + "/" + warmUp + "/fulfill")
                .then().statusCode(201);
        awaitAllHeld(warmUp, WARMUP_CODES, System.nanoTime());
        Instant warmedUp = databaseNow();
        long id = approvedPurchase(bulk, CODES);

        long start = System.nanoTime();
        given().auth().oauth2(admin).contentType(ContentType.JSON).post(bulk + "/" + id + "/fulfill")
                .then().statusCode(201);
        long answered = System.nanoTime();
        Instant answeredAt = databaseNow();
        var outboxEmptied = java.util.concurrent.CompletableFuture.supplyAsync(EventBackboneBenchmarkTest::outboxEmptied);
        String lastCode = awaitAllHeld(id, CODES, answered);
        long usable = System.nanoTime();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("attendee", Map.of("name", "Milton", "email", "milton@example.org"),
                        "ticket_type", "regular", "voucher_code", lastCode))
                .post(catalog("/api/conferences/" + slug + "/orders")).then().statusCode(201);
        write("codes-usable.txt", String.format(
                "%,d comp codes: fulfil call %.1f s; all usable at catalog ordering %.1f s after the fulfil answer "
                        + "(%,.0f codes/s through outbox, relay, Kafka and the catalog's inbox)%n%s"
                        + "  services: %s; load average %s%n",
                CODES, (answered - start) / 1e9, (usable - answered) / 1e9, CODES / ((usable - answered) / 1e9),
                stages(warmedUp, answeredAt, outboxEmptied.join()), DoorThroughputBenchmarkTest.SERVICE_JVM,
                loadAverage()));
    }

    /** A comp bulk purchase of {@code quantity} codes, approved (retried while the services finish starting). */
    private static long approvedPurchase(String bulk, int quantity) {
        Map<String, Object> request = Arrange.compCodes(quantity);
        long[] id = new long[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Response created = given().auth().oauth2(admin).contentType(ContentType.JSON).body(request).post(bulk);
            id[0] = created.statusCode() == 201 ? created.jsonPath().getLong("id") : 0;
            return id[0] != 0;
        });
        given().auth().oauth2(admin).contentType(ContentType.JSON).post(bulk + "/" + id[0] + "/approve")
                .then().statusCode(200);
        return id[0];
    }

    /** Polls the catalog's database until all the purchase's codes are held and active; returns the last code. */
    private static String awaitAllHeld(long purchase, int quantity, long since) throws Exception {
        try (Connection catalogDb = platform.database(Platform.Service.CATALOG);
                PreparedStatement held = catalogDb.prepareStatement(
                        "SELECT count(*), max(code) FROM voucher WHERE bulk_purchase_id = ? AND active")) {
            held.setLong(1, purchase);
            while (true) {
                try (ResultSet row = held.executeQuery()) {
                    row.next();
                    if (row.getLong(1) == quantity) {
                        return row.getString(2);
                    }
                }
                if (System.nanoTime() - since > Duration.ofMinutes(5).toNanos()) {
                    throw new AssertionError("codes not all at the catalog after 5 minutes");
                }
                Thread.sleep(20);
            }
        }
    }

    /** PostgreSQL's clock: every service's database is on the same server, so their timestamps compare. */
    private static Instant databaseNow() throws Exception {
        try (Connection db = platform.database(Platform.Service.CATALOG);
                ResultSet now = db.createStatement().executeQuery("SELECT clock_timestamp()")) {
            now.next();
            return now.getTimestamp(1).toInstant();
        }
    }

    /**
     * When the bulk purchase service's outbox had no voucher.issued row left to publish (the relay deletes what it
     * has published), by PostgreSQL's clock.
     */
    private static Instant outboxEmptied() {
        try (Connection bulk = platform.database(Platform.Service.BULK_PURCHASE);
                PreparedStatement waiting = bulk.prepareStatement("""
                        SELECT count(*), clock_timestamp() FROM outbox_event
                        WHERE event_type = 'voucher.issued' AND published_at IS NULL""")) {
            long since = System.nanoTime();
            while (System.nanoTime() - since < Duration.ofMinutes(5).toNanos()) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getLong(1) == 0) {
                        return row.getTimestamp(2).toInstant();
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("the outbox still held voucher.issued rows after 5 minutes");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the time went: the relay's last publish, and the catalog's inbox transactions (start times). */
    private static String stages(Instant warmedUp, Instant answeredAt, Instant outboxEmptied) throws Exception {
        try (Connection catalog = platform.database(Platform.Service.CATALOG);
                PreparedStatement inbox = catalog.prepareStatement("""
                        SELECT min(processed_at), max(processed_at), count(DISTINCT processed_at)
                        FROM processed_event WHERE event_type = 'voucher.issued' AND processed_at > ?""")) {
            inbox.setTimestamp(1, java.sql.Timestamp.from(warmedUp));
            try (ResultSet batches = inbox.executeQuery()) {
                batches.next();
                return String.format("  relay: outbox empty %.1f s after the answer%n"
                        + "  catalog inbox: first batch began %.1f s, last %.1f s after the answer (%,d transactions)%n",
                        seconds(answeredAt, java.sql.Timestamp.from(outboxEmptied)),
                        seconds(answeredAt, batches.getTimestamp(1)), seconds(answeredAt, batches.getTimestamp(2)),
                        batches.getLong(3));
            }
        }
    }

    private static double seconds(Instant from, java.sql.Timestamp to) {
        return to == null ? Double.NaN : Duration.between(from, to.toInstant()).toMillis() / 1000.0;
    }

    private static String loadAverage() throws Exception {
        return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
