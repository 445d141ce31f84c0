package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.confops.platform.Platform.Service;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Hostile input at every write endpoint, through the gateway, generated at random from one seed (property
 * tests without a library: a failure names the seed and case to replay): JSON of random shapes with the
 * endpoint's own field names holding wrong types, huge numbers, deep nesting, NUL characters and overlong
 * strings; and raw bodies that are not JSON at all (invalid UTF-8, truncated, nested 100 000 deep, a number of
 * a million digits, two megabytes). Every answer must be a 4xx with the platform's JSON error, and nothing
 * may have changed in any service's database (its business tables counted before and after).
 */
class HostileInputTest {

    /** A write endpoint: where to send, and the field names its body has (the ones worth getting wrong). */
    record Endpoint(String method, String path, List<String> fields) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Tables whose rows only a request may add, per service; scan_log is left out (it logs refusals by design). */
    private static final Map<Service, List<String>> BUSINESS_TABLES = Map.of(
            Service.CATALOG, List.of("conference", "product", "sponsor", "customer_order", "attendee", "payment",
                    "refund"),
            Service.CHECKIN, List.of("check_in", "redemption", "sync_item", "door_check"),
            Service.BULK_PURCHASE, List.of("bulk_purchase", "bulk_voucher"));

    /** Every case comes from this seed; a failure names it: replay with {@code -Dhostile.seed=…}. */
    private static final long SEED = Long.getLong("hostile.seed", System.nanoTime());

    private static FaultStack stack;
    private static String token;
    private static String slug;
    private static List<Endpoint> endpoints;

    @BeforeAll
    static void arrange() throws Exception {
        stack = FaultStack.get();
        System.getLogger(HostileInputTest.class.getName()).log(System.Logger.Level.INFO,
                "hostile input from seed " + SEED + " (replay with -Dhostile.seed=" + SEED + ")");
        token = TestTokens.token("hostile-admin", "superuser");
        slug = "hostile-" + System.currentTimeMillis();
        post("/conferences", Map.of("slug", slug, "name", "Hostile Conf", "start_date", "2027-06-01",
                "end_date", "2027-06-02", "time_zone", "Europe/Amsterdam"), 201);
        post("/conferences/" + slug + "/ticket-types",
                Map.of("slug", "regular", "name", "Regular", "price", "300", "bulk_enabled", true), 201);
        post("/conferences/" + slug + "/addons", Map.of("slug", "shirt", "name", "T-shirt", "price", "20"), 201);
        post("/conferences/" + slug + "/sponsors", Map.of("slug", "initech", "name", "Initech", "level", "silver"), 201);
        JsonPath order = post("/conferences/" + slug + "/orders", Map.of(
                "attendee", Map.of("name", "Grace Hopper", "email", "grace@example.org"), "ticket_type", "regular",
                "addons", List.of(Map.of("slug", "shirt", "quantity", 1))), 201).jsonPath();
        long orderId = order.getLong("id");
        String code = order.getString("attendee.access_code");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> given().auth()
                .oauth2(token).get(api("/conferences/" + slug + "/checkin/lookup/" + code)).statusCode() == 200);
        Map<String, Object> bulkRequest = Arrange.compCodes(2);
        Response bulk = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(
                () -> given().auth().oauth2(token).contentType(ContentType.JSON).body(bulkRequest)
                        .post(api("/conferences/" + slug + "/bulk-purchases")),
                response -> response.statusCode() == 201);
        long bulkId = bulk.jsonPath().getLong("id");
        String c = "/conferences/" + slug;
        String b = c + "/bulk-purchases/" + bulkId;
        endpoints = List.of(
                new Endpoint("POST", "/conferences", List.of("slug", "name", "start_date", "end_date", "time_zone")),
                new Endpoint("PUT", c, List.of("slug", "name", "start_date", "end_date", "time_zone")),
                new Endpoint("POST", c + "/ticket-types", List.of("slug", "name", "price", "capacity", "bulk_enabled")),
                new Endpoint("PUT", c + "/ticket-types/regular", List.of("slug", "name", "price", "capacity")),
                new Endpoint("POST", c + "/addons", List.of("slug", "name", "price", "capacity")),
                new Endpoint("POST", c + "/sponsors", List.of("slug", "name", "level")),
                new Endpoint("POST", c + "/orders", List.of("attendee", "ticket_type", "addons", "voucher_code")),
                new Endpoint("POST", c + "/orders/" + orderId + "/payments", List.of("reference", "amount")),
                new Endpoint("POST", c + "/orders/" + orderId + "/refunds", List.of("amount", "reason")),
                new Endpoint("POST", c + "/bulk-purchases", List.of("sponsor", "quantity", "ticket_type", "addon",
                        "unit_price", "voucher_config")),
                new Endpoint("PATCH", b, List.of("quantity", "unit_price", "voucher_config")),
                new Endpoint("POST", b + "/payments", List.of("reference", "amount")),
                new Endpoint("POST", c + "/checkin/scan", List.of("access_code", "station", "type", "nonce")),
                new Endpoint("POST", c + "/checkin/redeem", List.of("access_code", "line_item_id", "nonce")),
                new Endpoint("POST", c + "/checkin/annul", List.of("checkin_id", "nonce", "reason")),
                new Endpoint("POST", c + "/checkin/door-check", List.of("access_code", "product", "station")),
                new Endpoint("POST", c + "/checkin/sync", List.of("items")));
    }

    // --- properties (random cases from one seed, printed with every failure so it can be replayed) ----------

    @Test
    void hostileJsonAtAnyWriteEndpointIsA4xxAndChangesNothing() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < 300; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            Map<String, Object> body = new LinkedHashMap<>();
            // the endpoint's own field names, each holding something hostile, so the checks behind parsing are reached
            int size = 1 + random.nextInt(Math.min(6, endpoint.fields().size() + 1));
            for (int f = 0; f < size; f++) {
                body.put(f < endpoint.fields().size() ? endpoint.fields().get(f) : "extra_" + f, hostileValue(random));
            }
            refusedWithoutChange(endpoint, JSON.writeValueAsBytes(body), "case " + i);
        }
    }

    @Test
    void syncOfHostileItemsRefusesEachAndRecordsNothing() throws Exception {
        Random random = new Random(SEED + 1);
        Endpoint sync = endpoint("/checkin/sync");
        for (int i = 0; i < 150; i++) {
            Map<String, Object> hostile = new LinkedHashMap<>();
            for (String field : List.of("type", "access_code", "station", "line_item_id", "client_time")) {
                if (random.nextBoolean()) {
                    hostile.put(field, hostileValue(random));
                }
            }
            Object nonce = hostileValue(random);
            hostile.put("nonce", nonce);
            byte[] body = JSON.writeValueAsBytes(Map.of("items", List.of(hostile, Map.of("type", "redeem",
                    "access_code", List.of(), "line_item_id", new BigInteger("9".repeat(40)),
                    "nonce", "n-" + String.valueOf(nonce).substring(0, Math.min(40, String.valueOf(nonce).length()))))));
            refusedWithoutChange(sync, body, "case " + i);
        }
    }

    @Test
    void bodiesThatAreNotJsonAreA4xxAndChangeNothing() throws Exception {
        List<byte[]> bodies = notJson(new Random(SEED + 2));
        for (Endpoint endpoint : endpoints) {
            for (int i = 0; i < bodies.size(); i++) {
                refusedWithoutChange(endpoint, bodies.get(i), "body " + i);
            }
        }
    }

    // --- generators ---------------------------------------------------------------------------------------

    /**
     * A value no field accepts: wrong types for every field there is (objects, lists, booleans where text or
     * numbers are due), numbers beyond any column, text too long for any column or with NUL in it, deep nests.
     */
    static Object hostileValue(Random random) {
        switch (random.nextInt(5)) {
            case 0: {
                BigInteger beyondLong = BigInteger.TWO.pow(63).add(new BigInteger(64 + random.nextInt(136), random));
                return random.nextBoolean() ? beyondLong : beyondLong.negate().subtract(BigInteger.ONE);
            }
            case 1:
                return List.<Object>of(1e300, -1e300, Double.MAX_VALUE, 4.9e-324, 1.5, -0.5,
                        new BigDecimal("1e400"), new BigDecimal("-1e-400"),
                        new BigDecimal("123456789012345678901234567890.123456789")).get(random.nextInt(9));
            case 2:
                return letters(random, 600 + random.nextInt(19_400));
            case 3:
                return "ab\u0000" + letters(random, 1 + random.nextInt(20));
            default:
                return random.nextBoolean() ? nested(50 + random.nextInt(350))
                        : List.<Object>of(Map.of(), List.of(), true, List.of(1, "two", List.of(3)),
                                Map.of("x", List.of(Map.of()))).get(random.nextInt(5));
        }
    }

    /** Bodies that are not JSON, or not JSON a server should read: each sent to every endpoint. */
    static List<byte[]> notJson(Random random) {
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' });
        bodies.add(new byte[] { '{', '"', (byte) 0xFF, (byte) 0xFE, '"', ':', '1', '}' });
        bodies.add(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 });
        for (String text : List.of("{\"access_code\":", "{\"items\":[{", "[", "{\"a\":1,,}", "nul",
                "{'single':'quotes'}", "{\"a\":NaN}", "\"just a string\"", "12", "")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(("[".repeat(2_000) + "]".repeat(2_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"quantity\":" + "9".repeat(1_000_000) + "}").getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            byte[] noise = new byte[1 + random.nextInt(200)];
            random.nextBytes(noise);
            bodies.add(noise);
        }
        return bodies;
    }

    private static String letters(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static Object nested(int depth) {
        Object value = List.of();
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? List.of(value) : Map.of("n", value);
        }
        return value;
    }

    // --- checks -------------------------------------------------------------------------------------------

    private static void refusedWithoutChange(Endpoint endpoint, byte[] body, String label) throws Exception {
        boolean sync = endpoint.path().endsWith("/checkin/sync");
        long before = rows(!sync);
        HttpResponse<String> response = send(endpoint, body);
        String what = "seed " + SEED + ", " + label + ": " + describe(endpoint, body, response);
        if (sync && response.statusCode() == 200) {
            assertEveryItemRefused(response, what);
        } else {
            assertThat(response.statusCode()).as(what).isBetween(400, 499);
            assertJsonError(response, what);
        }
        assertThat(rows(!sync)).as("rows after %s", what).isEqualTo(before);
    }

    /**
     * A sync envelope the server can read is answered item by item (the device drops what was answered): every
     * hostile item must be answered as an error. A refused item with a usable nonce is remembered (sync_item),
     * so its resend gets the same answer; everything else must stay as it was.
     */
    private static void assertEveryItemRefused(HttpResponse<String> response, String what) {
        for (JsonNode result : DoorTraffic.json(response).get("results")) {
            assertThat(result.path("status").asText()).as(what).isIn("error", "already_processed");
        }
    }

    private static void assertJsonError(HttpResponse<String> response, String what) {
        if (response.statusCode() >= 400) {
            JsonNode error;
            try {
                error = JSON.readTree(response.body());
            } catch (Exception notJson) {
                error = null;
            }
            assertThat(error != null && error.hasNonNull("error")).as("JSON error body for %s", what).isTrue();
        }
    }

    private static long rows(boolean withSyncItems) throws Exception {
        long total = 0;
        for (var entry : BUSINESS_TABLES.entrySet()) {
            try (Connection c = stack.database(entry.getKey()); var st = c.createStatement()) {
                for (String table : entry.getValue()) {
                    if (!withSyncItems && table.equals("sync_item")) {
                        continue;
                    }
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                        rs.next();
                        total += rs.getLong(1);
                    }
                }
            }
        }
        return total;
    }

    private static HttpResponse<String> send(Endpoint endpoint, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api(endpoint.path())))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String describe(Endpoint endpoint, byte[] body, HttpResponse<String> response) {
        String sent = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        String answer = response.body() == null ? "" : response.body();
        return endpoint.method() + " " + endpoint.path() + " " + sent + (body.length > 300 ? "…" : "") + " → "
                + response.statusCode() + " " + answer.substring(0, Math.min(answer.length(), 300));
    }

    private static Endpoint endpoint(String suffix) {
        return endpoints.stream().filter(e -> e.path().endsWith(suffix)).findFirst().orElseThrow();
    }

    private static String api(String path) {
        return stack.gateway() + "/api" + path;
    }

    private static Response post(String path, Object body, int expected) {
        Response response = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(api(path));
        assertThat(response.statusCode()).as("POST %s: %s", path, response.asString()).isEqualTo(expected);
        return response;
    }
}
