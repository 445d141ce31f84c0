package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import org.confops.platform.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * At the door, on the real stack with Keycloak tokens: a django-program-shaped scanner page (served from another
 * origin) scans, looks up and redeems through the gateway's django-program routes; every scan is in the history;
 * a mistaken check-in is undone by its volunteer or the desk lead and by nobody else; the preload comes gzipped
 * through the gateway and revalidates to a 304. Needs Chromium (as {@link ScannerUiTest}).
 */
class DjangoScannerCompatTest {

    private static final String CONFERENCE = "democon";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void djangoProgramsScannerPageScansLooksUpAndRedeemsThroughTheGatewayAndEveryScanIsLogged() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String product = "Lunch compat " + run;
        String station = "Compat Door " + run;
        arrangeProducts(run, product);
        String paid = order(run, "Ada Compat", 2);

        Browser browser = runBrowser(Map.of("CODE_PAID", paid, "PRODUCT", product, "STATION", station,
                "TOKEN", platform.login("volunteer")));

        assertThat(browser.exitCode).as("django-compat.mjs exit code; output:%n%s", browser.output).isZero();
        assertThat(browser.result.get("name").asText()).isEqualTo("Ada Compat " + run);
        assertThat(browser.result.get("ticket").asText()).isEqualTo("Compat " + run);
        // on the server, through the django-program route: checked in, one of two lunches handed out
        JsonPath lookup = as("volunteer").get(gateway + "/" + CONFERENCE + "/register/checkin/lookup/" + paid + "/")
                .then().statusCode(200).extract().jsonPath();
        assertThat(lookup.getBoolean("attendee.checked_in")).isTrue();
        assertThat(lookup.getLong("redeemable[0].id")).isEqualTo(Long.parseLong(browser.result.get("line_item_id")
                .asText()));
        assertThat(lookup.getInt("redeemable[0].remaining")).isEqualTo(1);
        // every scan the page made is in the door's history, the refused one with its reason
        JsonPath history = as("volunteer").queryParam("station", station).get(checkin("scans")).then()
                .statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.result")).containsExactly("refused", "accepted", "accepted");
        assertThat(history.getString("items[0].reason")).isEqualTo("unknown_code");
        assertThat(history.getString("items[0].access_code"))
                .isEqualTo(browser.result.get("unknown_code").asText());
        assertThat(history.getList("items.actor.name")).containsOnly("Desk Volunteer");
        assertThat(as("volunteer").get(checkin("stats")).then().statusCode(200).extract().jsonPath()
                .getLong("refused_scans.by_reason.find { it.reason == 'unknown_code' }.count")).isPositive();
    }

    @Test
    void aMistakenCheckInIsUndoneByItsVolunteerOrTheDeskLeadAndByNobodyElse() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        arrangeProducts(run, "Lunch undo " + run);
        String ada = order(run, "Ada Undo", 0);
        String bob = order(run, "Bob Undo", 0);

        long adaByVolunteer = as("volunteer").body(Map.of("access_code", ada, "station", "Undo " + run))
                .post(checkin("scan")).then().statusCode(200).extract().jsonPath().getLong("checkin_id");
        long bobByLead = as("desk-lead").body(Map.of("access_code", bob, "station", "Undo " + run))
                .post(checkin("scan")).then().statusCode(200).extract().jsonPath().getLong("checkin_id");

        as("volunteer").body(Map.of("checkin_id", bobByLead, "reason", "not mine")).post(checkin("annul"))
                .then().statusCode(403);
        as("other-volunteer").body(Map.of("checkin_id", adaByVolunteer, "reason", "other conference"))
                .post(checkin("annul")).then().statusCode(403);
        as("volunteer").body(Map.of("checkin_id", adaByVolunteer, "reason", "scanned the wrong badge"))
                .post(checkin("annul")).then().statusCode(200).body("annulled_by.name", equalTo("Desk Volunteer"))
                .body("attendee.checked_in", equalTo(false));
        as("desk-lead").body(Map.of("checkin_id", bobByLead, "reason", "double scan")).post(checkin("annul"))
                .then().statusCode(200).body("attendee.checked_in", equalTo(false));

        for (String code : List.of(ada, bob)) {
            as("volunteer").get(checkin("lookup/" + code)).then().statusCode(200)
                    .body("attendee.checked_in", equalTo(false)).body("attendee.checked_in_at", equalTo(null));
        }
        JsonPath stats = as("volunteer").get(checkin("stats")).then().statusCode(200).extract().jsonPath();
        assertThat(stats.getList("by_station.station")).doesNotContain("Undo " + run);
        assertThat(as("volunteer").queryParam("station", "Undo " + run).get(checkin("scans")).then().statusCode(200)
                .extract().jsonPath().getList("items.annulled")).containsOnly(true);
    }

    @Test
    void thePreloadComesGzippedThroughTheGatewayAndRevalidatesToNotModified() throws Exception {
        String token = platform.login("volunteer");
        HttpResponse<byte[]> gzipped = get(token, "preload", "Accept-Encoding", "gzip");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        JsonNode preload = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())));
        assertThat(preload.get("conference").asText()).isEqualTo(CONFERENCE);

        AtomicReference<String> tag = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            get(token, "preload", "Accept-Encoding", "gzip").headers().firstValue("ETag").ifPresent(tag::set);
            return tag.get() != null
                    && get(token, "preload", "If-None-Match", tag.get()).statusCode() == 304;
        });
    }

    private static HttpResponse<byte[]> get(String token, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(checkin(path)))
                .header("Authorization", "Bearer " + token);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void arrangeProducts(String run, String product) {
        if (as("admin").get(gateway + "/api/conferences/" + CONFERENCE).statusCode() == 404) {
            // another test may create it at the same moment: 409 is as good
            as("admin").body(Map.of("slug", CONFERENCE, "name", "DemoCon", "start_date", "2027-06-01",
                    "end_date", "2027-06-03", "time_zone", "Europe/Berlin")).post(gateway + "/api/conferences")
                    .then().statusCode(anyOf(equalTo(201), equalTo(409)));
        }
        as("organizer").body(Map.of("slug", "compat-" + run, "name", "Compat " + run, "price", "100"))
                .post(gateway + "/api/conferences/" + CONFERENCE + "/ticket-types").then().statusCode(201);
        as("organizer").body(Map.of("slug", "compat-lunch-" + run, "name", product, "price", "10"))
                .post(gateway + "/api/conferences/" + CONFERENCE + "/addons").then().statusCode(201);
    }

    /** A paid order for one attendee (with {@code lunches} of this run's add-on), visible to check-in; its code. */
    private static String order(String run, String name, int lunches) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "attendee", Map.of("name", name + " " + run, "email", name.replace(' ', '.').toLowerCase() + "-" + run
                        + "@example.org"),
                "ticket_type", "compat-" + run));
        if (lunches > 0) {
            body.put("addons", List.of(Map.of("slug", "compat-lunch-" + run, "quantity", lunches)));
        }
        JsonPath order = as("organizer").body(body).post(gateway + "/api/conferences/" + CONFERENCE + "/orders")
                .then().statusCode(201).extract().jsonPath();
        as("organizer").body(Map.of("reference", "psp-compat-" + UUID.randomUUID()))
                .post(gateway + "/api/conferences/" + CONFERENCE + "/orders/" + order.getLong("id") + "/payments")
                .then().statusCode(201).body("status", equalTo("paid"));
        String code = order.getString("attendee.access_code");
        await().atMost(Duration.ofSeconds(30)).until(() -> "paid".equals(
                as("volunteer").get(checkin("lookup/" + code)).then().extract().jsonPath().getString("order_status")));
        return code;
    }

    private record Browser(int exitCode, String output, JsonNode result) {
    }

    /** Runs scanner-ui/test/django-compat.mjs with node, serving its page from the origin the gateway allows. */
    private static Browser runBrowser(Map<String, String> env) throws IOException, InterruptedException {
        Path ui = Path.of("..", "scanner-ui").toAbsolutePath().normalize();
        String chromium = Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Chromium for the browser test (apt-get install chromium)").isExecutable();
        assertThat(ui.resolve("node_modules").resolve("playwright-core"))
                .as("scanner-ui/node_modules (built by the gateway's npm ci)").isDirectory();
        Path log = Files.createDirectories(Path.of("target")).resolve("django-compat-e2e.log");
        ProcessBuilder builder = new ProcessBuilder("node", "test/django-compat.mjs").directory(ui.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("GATEWAY_URL", gateway);
        builder.environment().put("CONFERENCE", CONFERENCE);
        builder.environment().put("COMPAT_PORT", platform.browserOrigin().substring(platform.browserOrigin()
                .lastIndexOf(':') + 1));
        builder.environment().put("CHROMIUM", chromium);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.err.printf("django-compat e2e: exit %d%n%s%n", exit, output);
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
