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
import java.util.HashMap;
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
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The organizer console (console-ui/, served by the gateway at /console/) in headless Chromium against the
 * real stack: the organizer runs a sponsor deal from request to downloaded codes and watches the dashboard
 * follow a scan; the sponsor viewer sees it read-only. The server is then asked whether the browser told the
 * truth. Needs Chromium at /usr/bin/chromium (or CHROMIUM) and console-ui/node_modules (the gateway build).
 */
class ConsoleUiTest {

    private static final String CONFERENCE = "democon";
    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(4);
    private static final int QUANTITY = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Platform platform;
    private static String gateway;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.get();
        gateway = platform.url(Service.GATEWAY);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(platform.login(user)).contentType(ContentType.JSON);
    }

    private static String api(String suffix) {
        return gateway + "/api/conferences/" + CONFERENCE + suffix;
    }

    @Test
    void organizerRunsADealAndWatchesTheDoorsInTheBrowserWhileTheSponsorOnlyLooks() throws Exception {
        Doors doors = arrange();
        Browser browser = runBrowser(doors.env());
        assertThat(browser.exitCode).as("e2e.mjs exit code; output:%n%s", browser.output).isZero();
        verify(doors, browser);
    }

    /** What one run arranges: its own products, sponsor, deal and attendees, some already at the doors. */
    record Doors(String run, String ticketType, String addon, String sponsor, String station, String ada,
            String grace, String alan, long viewerPurchase, long usedPurchase, String usedCode, long pendingOrder) {
        Map<String, String> env() {
            Map<String, String> env = new HashMap<>(Map.of("SPONSOR", sponsor, "SPONSOR_NAME",
                    "Console Sponsor " + run, "TICKET_TYPE", ticketType, "SCAN_CODE", alan, "ORDER_CODE", grace,
                    "STATION", station, "VIEWER_PURCHASE", String.valueOf(viewerPurchase),
                    "QUANTITY", String.valueOf(QUANTITY)));
            env.put("USED_PURCHASE", String.valueOf(usedPurchase));
            env.put("USED_CODE", usedCode);
            env.put("PENDING_ORDER", String.valueOf(pendingOrder));
            return env;
        }
    }

    static Doors arrange() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String ticketType = "cui-" + run;
        String addon = "cui-lunch-" + run;
        String sponsor = "cui-sponsor-" + run;
        String station = "Console Door " + run;
        ensureConference();
        as("organizer").body(Map.of("slug", ticketType, "name", "Console UI " + run, "price", "100",
                "bulk_enabled", true)).post(api("/ticket-types")).then().statusCode(201);
        as("organizer").body(Map.of("slug", addon, "name", "Lunch " + run, "price", "10"))
                .post(api("/addons")).then().statusCode(201);
        as("organizer").body(Map.of("slug", sponsor, "name", "Console Sponsor " + run, "level", "gold"))
                .post(api("/sponsors")).then().statusCode(201);
        // bulk-purchase-service learns of the sponsor and product through Kafka; this deal is the sponsor's view
        Map<String, Object> small = Map.of("sponsor", sponsor, "ticket_type", ticketType, "quantity", 2,
                "unit_price", "0", "voucher_config", Map.of("voucher_type", "comp", "discount_value", "0"));
        long viewerPurchase = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> as("organizer").body(small).post(api("/bulk-purchases")), r -> r.statusCode() == 201)
                .jsonPath().getLong("id");
        as("organizer").post(api("/bulk-purchases/" + viewerPurchase + "/approve")).then().statusCode(200);
        as("organizer").post(api("/bulk-purchases/" + viewerPurchase + "/fulfill")).then().statusCode(201);
        // a deal one of whose two codes is already used: the browser refunds it
        long usedPurchase = as("organizer").body(small).post(api("/bulk-purchases")).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as("organizer").post(api("/bulk-purchases/" + usedPurchase + "/approve")).then().statusCode(200);
        as("organizer").post(api("/bulk-purchases/" + usedPurchase + "/fulfill")).then().statusCode(201);
        String usedCode = as("organizer").get(api("/bulk-purchases/" + usedPurchase)).then().statusCode(200)
                .extract().jsonPath().getString("vouchers[0].code");
        Map<String, Object> withVoucher = Map.of("attendee", Map.of("name", "Vera Voucher " + run,
                "email", "vera-" + run + "@example.org"), "ticket_type", ticketType, "voucher_code", usedCode);
        String vera = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> as("organizer").body(withVoucher).post(api("/orders")), r -> r.statusCode() == 201)
                .jsonPath().getString("attendee.access_code");
        await().atMost(Duration.ofSeconds(30)).until(() -> as("organizer").get(api("/bulk-purchases/" + usedPurchase))
                .jsonPath().getInt("vouchers_used") == 1);

        // the doors before the browser opens: two entries, a product handed out, a door check each way
        String ada = order(run, "Ada Console", ticketType, addon, 2);
        String grace = order(run, "Grace Console", ticketType, null, 0);
        String alan = order(run, "Alan Console", ticketType, null, 0);
        for (String code : List.of(ada, grace, alan, vera)) {
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> as("volunteer").get(api("/checkin/lookup/" + code)).statusCode() == 200);
        }
        scan(ada, station);
        scan(grace, station + " B");
        long line = as("volunteer").get(api("/checkin/lookup/" + ada)).then().statusCode(200).extract().jsonPath()
                .getLong("redeemable[0].line_item_id");
        as("volunteer").body(Map.of("access_code", ada, "line_item_id", line)).post(api("/checkin/redeem"))
                .then().statusCode(200);
        as("volunteer").body(Map.of("access_code", ada, "product", addon, "station", station))
                .post(api("/checkin/door-check")).then().statusCode(200);
        as("volunteer").body(Map.of("access_code", grace, "product", addon, "station", station))
                .post(api("/checkin/door-check")).then().statusCode(409);
        long pendingOrder = as("organizer").body(Map.of("attendee", Map.of("name", "Paula Pending " + run,
                "email", "paula-" + run + "@example.org"), "ticket_type", ticketType)).post(api("/orders"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        return new Doors(run, ticketType, addon, sponsor, station, ada, grace, alan, viewerPurchase, usedPurchase,
                usedCode, pendingOrder);
    }

    /** The browser told the truth: the server holds the deal it made and the numbers it showed. */
    static void verify(Doors doors, Browser browser) {
        String sponsor = doors.sponsor();
        String station = doors.station();
        // the deal the browser made: approved, paid, fulfilled once, by the organizer, and its CSV the server's
        long purchase = browser.result.get("purchase").asLong();
        JsonPath deal = as("organizer").get(api("/bulk-purchases/" + purchase)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(deal.getString("status")).isEqualTo("paid");
        assertThat(deal.getString("sponsor.slug")).isEqualTo(sponsor);
        assertThat(deal.getString("ticket_type.slug")).isEqualTo(doors.ticketType());
        assertThat(deal.getInt("voucher_count")).isEqualTo(QUANTITY);
        assertThat(deal.getString("approved_by.name")).isNotBlank();
        assertThat(deal.getString("fulfilled_by.subject")).isEqualTo(deal.getString("approved_by.subject"));
        assertThat(deal.getString("voucher_config.voucher_type")).isEqualTo("comp");
        List<String> browserCodes = new ArrayList<>();
        browser.result.get("csv").get("codes").forEach(code -> browserCodes.add(code.asText()));
        assertThat(browserCodes).containsExactlyInAnyOrderElementsOf(deal.getList("vouchers.code", String.class));
        assertThat(browser.result.get("csv").get("filename").asText())
                .isEqualTo("bulk-purchase-" + purchase + "-vouchers.csv");
        assertThat(browser.result.get("validation").get("quantity").asText()).isNotBlank();

        // the catalog edits the browser made, and the one it was refused
        assertThat(as("organizer").get(api("/sponsors/" + sponsor)).then().statusCode(200).extract()
                .<String>path("level")).isEqualTo("platinum");
        JsonPath ticket = as("organizer").get(api("/ticket-types/" + doors.ticketType())).then().statusCode(200)
                .extract().jsonPath();
        assertThat(new java.math.BigDecimal(ticket.getString("price"))).isEqualByComparingTo("120");
        assertThat(ticket.getInt("capacity")).isEqualTo(500);
        assertThat(as("organizer").get(api("")).then().statusCode(200).extract().<String>path("end_date"))
                .isNotEqualTo("2000-01-01");

        // the refund the browser made: the unused code revoked, the used one kept valid, as it showed
        JsonPath refunded = as("organizer").get(api("/bulk-purchases/" + doors.usedPurchase())).then()
                .statusCode(200).extract().jsonPath();
        assertThat(refunded.getString("status")).isEqualTo("refunded");
        assertThat(refunded.getBoolean("vouchers.find { it.code == '" + doors.usedCode() + "' }.active")).isTrue();
        assertThat(refunded.getList("vouchers.findAll { !it.active }.code")).hasSize(1);
        assertThat(browser.result.get("refund").get("revoked").asInt()).isEqualTo(1);
        assertThat(browser.result.get("refund").get("used").asText()).isEqualTo(doors.usedCode());

        // the payment the browser recorded
        JsonPath paid = as("organizer").get(api("/orders/" + doors.pendingOrder())).then().statusCode(200)
                .extract().jsonPath();
        assertThat(paid.getString("status")).isEqualTo("paid");
        assertThat(paid.getList("payments.reference")).containsExactly("console-" + doors.pendingOrder());

        // the dashboard's numbers are the API's (nothing scanned since the browser read them)
        JsonPath stats = as("volunteer").get(api("/checkin/stats")).then().statusCode(200).extract().jsonPath();
        JsonNode seen = browser.result.get("dashboard");
        assertThat(seen.get("total").asLong()).isEqualTo(stats.getLong("total"));
        assertThat(seen.get("checked_in").asLong()).isEqualTo(stats.getLong("checked_in"));
        assertThat(seen.get("inside").asLong()).isEqualTo(stats.getLong("inside"));
        assertThat(seen.get("today").asLong()).isEqualTo(stats.getLong("today"));
        assertThat(seen.get("stations").get(station).asLong()).isEqualTo(2); // Ada before, Alan from the browser
        assertThat(seen.get("stations").get(station).asLong()).isEqualTo(stationCount(stats, station));
        assertThat(seen.get("stations").get(station + " B").asLong()).isEqualTo(1);
        JsonNode lunch = seen.get("redemptions").get(doors.addon());
        assertThat(lunch.get("redeemed").asLong()).isEqualTo(1);
        assertThat(lunch.get("purchased").asLong()).isEqualTo(2);
        JsonNode checks = seen.get("door_checks").get(doors.addon());
        assertThat(checks.get("admitted").asLong()).isEqualTo(1);
        assertThat(checks.get("refused").asLong()).isEqualTo(1);
        assertThat(as("volunteer").get(api("/checkin/lookup/" + doors.alan())).then().statusCode(200).extract()
                .jsonPath().getBoolean("attendee.checked_in")).isTrue();
    }

    @Test
    void mergedOpenApiOfTheRealServicesValidatesAndHoldsEveryServicesPaths() {
        Response response = given().get(gateway + "/q/openapi");
        assertThat(response.statusCode()).isEqualTo(200);
        io.swagger.v3.parser.core.models.SwaggerParseResult parsed = new io.swagger.parser.OpenAPIParser()
                .readContents(response.asString(), null, null);
        assertThat(parsed.getMessages()).as("OpenAPI parser messages").isEmpty();
        var paths = parsed.getOpenAPI().getPaths();
        assertThat(paths).containsKeys(
                "/api/conferences", "/api/conferences/{slug}/orders", "/api/conferences/{slug}/sponsors",
                "/api/conferences/{slug}/checkin/scan", "/api/conferences/{slug}/checkin/stats",
                "/api/conferences/{slug}/bulk-purchases", "/api/conferences/{slug}/bulk-purchases/{id}/fulfill",
                "/q/openapi", "/console/config.json", "/{slug}/register/checkin/scan/");
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsOnlyKeys("bearer");
        assertThat(paths.get("/api/conferences/{slug}/bulk-purchases").getGet().getExtensions())
                .containsEntry("x-service", "bulk-purchase-service");
        given().get(gateway + "/console/api-docs/").then().statusCode(200);
    }

    private static void ensureConference() {
        if (as("admin").get(gateway + "/api/conferences/" + CONFERENCE).statusCode() == 404) {
            as("admin").body(Map.of("slug", CONFERENCE, "name", "DemoCon", "start_date", "2027-06-01",
                    "end_date", "2027-06-03", "time_zone", "Europe/Berlin")).post(gateway + "/api/conferences")
                    .then().statusCode(anyOf(equalTo(201), equalTo(409)));
        }
    }

    /** A paid order for one attendee (with {@code addons} of the add-on); the attendee's access code. */
    private static String order(String run, String name, String ticketType, String addon, int addons) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "attendee", Map.of("name", name + " " + run, "email", name.replace(' ', '.').toLowerCase() + "-" + run
                        + "@example.org"),
                "ticket_type", ticketType));
        if (addons > 0) {
            body.put("addons", List.of(Map.of("slug", addon, "quantity", addons)));
        }
        JsonPath order = as("organizer").body(body).post(api("/orders")).then().statusCode(201).extract().jsonPath();
        as("organizer").body(Map.of("reference", "psp-console-" + UUID.randomUUID()))
                .post(api("/orders/" + order.getLong("id") + "/payments")).then().statusCode(201);
        return order.getString("attendee.access_code");
    }

    private static void scan(String code, String station) {
        as("volunteer").body(Map.of("access_code", code, "station", station)).post(api("/checkin/scan"))
                .then().statusCode(200).body("status", equalTo("checked_in"));
    }

    private static long stationCount(JsonPath stats, String station) {
        return Optional.ofNullable(stats.getString("by_station.find { it.station == '" + station + "' }.count"))
                .map(Long::parseLong).orElse(0L);
    }

    record Browser(int exitCode, String output, JsonNode result) {
    }

    /** Runs console-ui/test/e2e.mjs with node against this platform's gateway. */
    static Browser runBrowser(Map<String, String> env) throws IOException, InterruptedException {
        Path ui = Path.of("..", "console-ui").toAbsolutePath().normalize();
        String chromium = Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Chromium for the browser test (apt-get install chromium)").isExecutable();
        assertThat(ui.resolve("node_modules").resolve("playwright-core"))
                .as("console-ui/node_modules (built by the gateway's npm ci)").isDirectory();
        Path shots = Path.of("target", "console-screenshots").toAbsolutePath();
        Path log = Files.createDirectories(Path.of("target")).resolve("console-e2e.log");
        ProcessBuilder builder = new ProcessBuilder("node", "test/e2e.mjs").directory(ui.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("GATEWAY_URL", gateway);
        builder.environment().put("CONFERENCE", CONFERENCE);
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
        System.err.printf("console e2e: exit %d after %d s; screenshots in %s%n%s%n", exit,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), shots, output);
        JsonNode result = output.lines().filter(line -> line.startsWith("RESULT ")).reduce((a, b) -> b)
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
