package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.confops.platform.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The browser scanner (scanner-ui/, served by the gateway at /scanner/) in headless Chromium against the real
 * stack: the volunteer signs in on the real Keycloak page, scans online, hands out a product, scans offline
 * and the queue uploads when the network is back. The server is then asked what really happened.
 * Needs Chromium at /usr/bin/chromium (or CHROMIUM) and scanner-ui/node_modules (the gateway build installs it).
 */
class ScannerUiTest {

    private static final String CONFERENCE = "democon";
    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.get();
        gateway = platform.url(Service.GATEWAY);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(platform.login(user)).contentType(ContentType.JSON);
    }

    private static String checkin(String suffix) {
        return gateway + "/api/conferences/" + CONFERENCE + "/checkin/" + suffix;
    }

    @Test
    void volunteerScansOnlineAndOfflineInTheBrowserAndEachScanCountsOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String station = "Door UI " + run;
        String product = "Lunch UI " + run;
        ensureConference();
        as("organizer").body(Map.of("slug", "ui-" + run, "name", "Scanner UI " + run, "price", "100"))
                .post(gateway + "/api/conferences/" + CONFERENCE + "/ticket-types").then().statusCode(201);
        as("organizer").body(Map.of("slug", "ui-lunch-" + run, "name", product, "price", "10"))
                .post(gateway + "/api/conferences/" + CONFERENCE + "/addons").then().statusCode(201);
        String paid = order(run, "Ada Scanner", 2, true);
        List<String> offline = List.of(order(run, "Grace Offline", 0, true), order(run, "Alan Offline", 0, true),
                order(run, "Edsger Offline", 0, true));
        String unpaid = order(run, "Barbara Unpaid", 0, false);
        String mistaken = order(run, "Mistaken Undo", 0, true);
        // signed badges (contracts/badges.md): one the device will never have downloaded, one of a refunded order
        JsonPath badgeHolder = placeOrder(run, "Badge Holder", 0, true);
        String badgeCode = badgeHolder.getString("attendee.access_code");
        String signedBadge = badge(badgeHolder.getLong("attendee.id"));
        JsonPath refunded = placeOrder(run, "Refunded Badge", 0, true);
        String revokedBadge = badge(refunded.getLong("attendee.id"));
        as("organizer").body(Map.of("reason", "test"))
                .post(gateway + "/api/conferences/" + CONFERENCE + "/orders/" + refunded.getLong("id") + "/refunds")
                .then().statusCode(200).body("status", equalTo("refunded"));
        // and one reissued (a lost badge): its old signed badge and its old code admit nobody any more
        JsonPath lost = placeOrder(run, "Lost Badge", 0, true);
        String lostCode = lost.getString("attendee.access_code");
        String lostBadge = badge(lost.getLong("attendee.id"));
        String newCode = as("organizer").body(Map.of("reason", "lost"))
                .post(gateway + "/api/conferences/" + CONFERENCE + "/attendees/" + lost.getLong("attendee.id")
                        + "/reissue").then().statusCode(200).body("previous_access_code", equalTo(lostCode))
                .extract().path("access_code");
        // the check-in service learns of the orders through Kafka
        await().atMost(Duration.ofSeconds(30)).until(() -> "refunded".equals(as("volunteer")
                .get(checkin("lookup/" + refunded.getString("attendee.access_code"))).path("order_status")));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> as("volunteer").get(checkin("lookup/" + newCode)).statusCode() == 200);
        as("volunteer").get(checkin("lookup/" + lostCode)).then().statusCode(409)
                .body("error", equalTo("Badge revoked: it was reissued under a new code"));
        for (String code : concat(List.of(paid, unpaid, mistaken, badgeCode), offline)) {
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> as("volunteer").get(checkin("lookup/" + code)).statusCode() != 404);
        }
        long checkedInBefore = settledStats().getLong("checked_in");

        Browser browser = runBrowser(Map.of("CODE_PAID", paid, "PRODUCT", product, "CODES_OFFLINE",
                String.join(",", offline), "CODE_UNPAID", unpaid, "CODE_UNDO", mistaken, "STATION", station,
                "BADGE_SIGNED", signedBadge, "BADGE_REVOKED", revokedBadge, "BADGE_REISSUED", lostBadge,
                "CODE_REISSUED", lostCode));

        assertThat(browser.exitCode).as("e2e.mjs exit code; output:%n%s", browser.output).isZero();
        JsonNode queued = browser.result.get("queued");
        assertThat(queued).hasSize(4);
        // the signed badge was admitted offline and queued under its access code; the revoked one was not queued
        assertThat(queued.findValuesAsText("access_code")).containsExactlyElementsOf(concat(List.of(badgeCode), offline));
        assertThat(queued.findValuesAsText("type")).containsOnly("scan");
        assertThat(queued.findValuesAsText("station")).containsOnly(station);
        assertThat(queued.findValuesAsText("nonce")).doesNotHaveDuplicates();

        // online: checked in, one unit of the product handed out (2 → 1), nothing for the unpaid order
        JsonPath ada = as("volunteer").get(checkin("lookup/" + paid)).then().statusCode(200).extract().jsonPath();
        assertThat(ada.getBoolean("attendee.checked_in")).isTrue();
        assertThat(ada.getInt("redeemable.find { it.description == '" + product + "' }.remaining")).isEqualTo(1);
        // undone in the browser: not checked in, and the scan log says the check-in was annulled
        assertThat(as("volunteer").get(checkin("lookup/" + mistaken)).then().statusCode(200).extract().jsonPath()
                .getBoolean("attendee.checked_in")).isFalse();
        assertThat(as("volunteer").queryParam("access_code", mistaken).get(checkin("scans")).then().statusCode(200)
                .extract().jsonPath().getList("items.annulled")).containsExactly(true);
        // offline: each of the four is checked in, exactly once, at this station
        List<String> admittedOffline = concat(List.of(badgeCode), offline);
        for (String code : admittedOffline) {
            assertThat(as("volunteer").get(checkin("lookup/" + code)).then().statusCode(200).extract().jsonPath()
                    .getBoolean("attendee.checked_in")).as(code).isTrue();
        }
        // the statistics are one shared snapshot at most ~2 s old (checkin-service README): wait for these scans
        JsonPath after = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(250)).until(ScannerUiTest::stats,
                        s -> s.getLong("checked_in") == checkedInBefore + 5 && stationCount(s, station) == 6);
        assertOncePerCode(after, admittedOffline, station);
        assertThat(after.getLong("checked_in")).isEqualTo(checkedInBefore + 5);
        assertThat(stationCount(after, station)).isEqualTo(6); // Ada twice (entry, re-entry) + four offline
        assertThat(as("volunteer").get(checkin("lookup/" + refunded.getString("attendee.access_code"))).then()
                .extract().jsonPath().getBoolean("attendee.checked_in")).isFalse();
        assertThat(after.getList("recent.findAll { it.access_code == '" + paid + "' }.type", String.class))
                .containsExactly("exit", "entry", "entry");

        // replaying the very same items (a scanner that never heard the answer) changes nothing
        List<Map<String, Object>> replay = new ArrayList<>();
        queued.forEach(item -> replay.add(JSON.convertValue(item, Map.class)));
        JsonPath answer = as("volunteer").body(Map.of("items", replay)).post(checkin("sync"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("results.status", String.class)).containsOnly("already_processed");
        JsonPath replayed = settledStats();
        assertOncePerCode(replayed, admittedOffline, station);
        assertThat(replayed.getLong("checked_in")).isEqualTo(after.getLong("checked_in"));
        assertThat(stationCount(replayed, station)).isEqualTo(6);
    }

    private static void ensureConference() {
        if (as("admin").get(gateway + "/api/conferences/" + CONFERENCE).statusCode() == 404) {
            // another test may create it at the same moment: 409 is as good
            as("admin").body(Map.of("slug", CONFERENCE, "name", "DemoCon", "start_date", "2027-06-01",
                    "end_date", "2027-06-03", "time_zone", "Europe/Berlin")).post(gateway + "/api/conferences")
                    .then().statusCode(anyOf(equalTo(201), equalTo(409)));
        }
    }

    /** Places an order for one attendee (with {@code lunches} of this run's add-on), paid or not; its code. */
    private static String order(String run, String name, int lunches, boolean pay) {
        return placeOrder(run, name, lunches, pay).getString("attendee.access_code");
    }

    /** The attendee's signed badge, as the catalog prints it in the QR code. */
    private static String badge(long attendeeId) {
        return as("organizer").get(gateway + "/api/conferences/" + CONFERENCE + "/attendees/" + attendeeId + "/badge")
                .then().statusCode(200).extract().path("code");
    }

    /** Places an order as {@link #order} does; the whole answer. */
    private static JsonPath placeOrder(String run, String name, int lunches, boolean pay) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "attendee", Map.of("name", name + " " + run, "email", name.replace(' ', '.').toLowerCase() + "-" + run
                        + "@example.org"),
                "ticket_type", "ui-" + run));
        if (lunches > 0) {
            body.put("addons", List.of(Map.of("slug", "ui-lunch-" + run, "quantity", lunches)));
        }
        JsonPath order = as("organizer").body(body).post(gateway + "/api/conferences/" + CONFERENCE + "/orders")
                .then().statusCode(201).extract().jsonPath();
        if (pay) {
            as("organizer").body(Map.of("reference", "psp-ui-" + UUID.randomUUID()))
                    .post(gateway + "/api/conferences/" + CONFERENCE + "/orders/" + order.getLong("id") + "/payments")
                    .then().statusCode(201).body("status", equalTo("paid"));
        }
        return order;
    }

    /** The statistics once any change made so far shows in them (the snapshot is refreshed within ~2 s). */
    private static JsonPath settledStats() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stats();
    }

    private static JsonPath stats() {
        return as("volunteer").get(checkin("stats")).then().statusCode(200).extract().jsonPath();
    }

    private static void assertOncePerCode(JsonPath stats, List<String> codes, String station) {
        for (String code : codes) {
            List<Map<String, Object>> movements = stats.getList("recent.findAll { it.access_code == '" + code + "' }");
            assertThat(movements).as("check-ins of %s", code).hasSize(1);
            assertThat(movements.get(0)).containsEntry("station", station);
        }
    }

    private static long stationCount(JsonPath stats, String station) {
        return Optional.ofNullable(stats.getString("by_station.find { it.station == '" + station + "' }.count"))
                .map(Long::parseLong).orElse(0L);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private record Browser(int exitCode, String output, JsonNode result) {
    }

    /** Runs scanner-ui/test/e2e.mjs with node against this platform's gateway. */
    private static Browser runBrowser(Map<String, String> env) throws IOException, InterruptedException {
        Path ui = Path.of("..", "scanner-ui").toAbsolutePath().normalize();
        String chromium = Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Chromium for the browser test (apt-get install chromium)").isExecutable();
        assertThat(ui.resolve("node_modules").resolve("playwright-core"))
                .as("scanner-ui/node_modules (built by the gateway's npm ci)").isDirectory();
        Path shots = Path.of("target", "scanner-screenshots").toAbsolutePath();
        Path log = Files.createDirectories(Path.of("target")).resolve("scanner-e2e.log");
        ProcessBuilder builder = new ProcessBuilder("node", "test/e2e.mjs").directory(ui.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("GATEWAY_URL", gateway);
        builder.environment().put("CONFERENCE", CONFERENCE);
        builder.environment().put("SCANNER_USER", "volunteer");
        builder.environment().put("CHROMIUM", chromium);
        builder.environment().put("SCREENSHOT_DIR", shots.toString());
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.err.printf("scanner e2e: exit %d after %d s; screenshots in %s%n%s%n", exit,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), shots, output);
        JsonNode result = output.lines().filter(line -> line.startsWith("RESULT ")).findFirst()
                .map(line -> {
                    try {
                        return JSON.readTree(line.substring("RESULT ".length()));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).orElse(JSON.createObjectNode());
        return new Browser(exit, output, result);
    }
}
