package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The numbers operators watch move with what happens at the door and on the event backbone, and the dashboards and
 * alerting rules in {@code deploy/} ask only for metrics the running services really expose.
 */
class ObservabilityTest {

    private static final Path DASHBOARDS = Path.of("..", "deploy", "kubernetes", "base", "dashboards");
    private static final Path MONITORING = Path.of("..", "deploy", "kubernetes", "base", "monitoring.yaml");
    /**
     * Metrics that come from the Kafka Exporter the Strimzi {@code Kafka} resource deploys (consumer-group lag per
     * partition, as the broker sees it), not from a service.
     */
    private static final Set<String> KAFKA_EXPORTER = Set.of("kafka_consumergroup_lag");
    private static final Path KAFKA = Path.of("..", "deploy", "kubernetes", "base", "kafka.yaml");
    /** PromQL words that are not metric names. */
    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate", "increase",
            "irate", "deriv", "histogram_quantile", "and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "topk", "bottomk", "abs", "clamp_min", "label_values",
            "humanize", "humanizeDuration", "humanizePercentage", "inf", "nan");

    private static Platform platform;
    private static String slug;

    @BeforeAll
    static void traffic() throws Exception {
        platform = Platform.get();
        slug = "obs-" + System.currentTimeMillis();
        String admin = platform.login("admin");
        Arrange.conferenceWithRegularTicket(gateway(""), admin, slug, "Observed Conf");
        JsonPath order = Arrange.regularOrder(gateway(""), admin, slug, "Radia Perlman", "radia@example.org");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reference", "psp-observed"))
                .post(gateway("/api/conferences/" + slug + "/orders/" + order.getLong("id") + "/payments"))
                .then().statusCode(201);
        String code = order.getString("attendee.access_code");

        // a lookup is no scan: waiting with it leaves the scan counters alone
        await().atMost(Duration.ofSeconds(30)).until(() -> "paid".equals(given().auth().oauth2(admin)
                .get(gateway("/api/conferences/" + slug + "/checkin/lookup/" + code)).then().extract()
                .path("order_status")));
        assertThat(scan(admin, code, "entry")).isEqualTo(200);
        assertThat(scan(admin, code, "exit")).isEqualTo(200);
        assertThat(scan(admin, "NOBODY00", "entry")).isEqualTo(404);
        assertThat(scan(admin, "NOBODY01", "entry")).isEqualTo(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("nonce", "obs-offline-1", "type", "scan", "access_code", code,
                        "station", "Door C", "client_time", "2027-06-01T08:30:00Z"))))
                .post(gateway("/api/conferences/" + slug + "/checkin/sync")).then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("nonce", "obs-offline-1", "type", "scan", "access_code", code,
                        "station", "Door C", "client_time", "2027-06-01T08:30:00Z"))))
                .post(gateway("/api/conferences/" + slug + "/checkin/sync")).then().statusCode(200);
    }

    private static String gateway(String path) {
        return platform.url(Platform.Service.GATEWAY) + path;
    }

    private static int scan(String token, String code, String type) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("access_code", code, "station", "Door A", "type", type))
                .post(gateway("/api/conferences/" + slug + "/checkin/scan")).statusCode();
    }

    private static String metrics(Platform.Service service) {
        return given().get(platform.url(service) + "/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one sample, found by its name and the labels it must have (in any order). */
    private static double sample(String exposition, String name, Map<String, String> labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+(\\S+)");
        return exposition.lines()
                .map(sample::matcher).filter(Matcher::find)
                .filter(line -> labels.entrySet().stream().allMatch(label -> String.valueOf(line.group(1))
                        .contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                // the value, not an exemplar's (OpenMetrics adds "# {trace_id=…} value time" with tracing on)
                .mapToDouble(line -> Double.parseDouble(line.group(2)))
                .sum();
    }

    @Test
    void doorCountersMoveWithScansAndUploads() {
        String checkin = metrics(Platform.Service.CHECKIN);
        assertThat(sample(checkin, "confops_checkin_scans_total",
                Map.of("conference", slug, "type", "entry", "result", "accepted"))).isEqualTo(1.0 + 1.0);
        assertThat(sample(checkin, "confops_checkin_scans_total",
                Map.of("conference", slug, "type", "exit", "result", "accepted"))).isEqualTo(1.0);
        assertThat(sample(checkin, "confops_checkin_scans_total",
                Map.of("conference", slug, "result", "refused", "reason", "unknown_code"))).isEqualTo(2.0);
        assertThat(sample(checkin, "confops_checkin_sync_items_total",
                Map.of("conference", slug, "outcome", "applied"))).isEqualTo(1.0);
        assertThat(sample(checkin, "confops_checkin_sync_items_total",
                Map.of("conference", slug, "outcome", "replayed"))).isEqualTo(1.0);
        // the scan endpoint's latency is a histogram with the door's buckets (for p99 across instances)
        assertThat(checkin.lines().filter(line -> line.startsWith("http_server_requests_seconds_bucket{"))
                .filter(line -> line.contains("uri=\"/api/conferences/{slug}/checkin/scan\"")))
                .anyMatch(line -> line.contains("le=\"0.02\""));
    }

    @Test
    void theEventBackboneAndTheGatewayAreMeasured() {
        String catalog = metrics(Platform.Service.CATALOG);
        assertThat(sample(catalog, "confops_outbox_published_total", Map.of("topic", "orders"))).isPositive();
        assertThat(catalog).contains("confops_outbox_backlog", "confops_outbox_oldest_unpublished_seconds");

        String checkin = metrics(Platform.Service.CHECKIN);
        assertThat(sample(checkin, "confops_inbox_events_total",
                Map.of("consumer", "orders-in", "outcome", "applied"))).isPositive();
        assertThat(sample(checkin, "confops_inbox_apply_lag_seconds_count", Map.of("consumer", "orders-in")))
                .isPositive();
        // fault counters exist at zero before the first fault, so an alert on increase() sees the first one
        assertThat(checkin).containsPattern("confops_inbox_retries_total\\{[^}]*consumer=\"orders-in\"[^}]*\\} 0\\.0");
        assertThat(checkin).containsPattern("confops_inbox_dead_letters_total\\{[^}]*consumer=\"orders-in\"");

        String gateway = metrics(Platform.Service.GATEWAY);
        assertThat(sample(gateway, "confops_gateway_upstream_seconds_count",
                Map.of("upstream", "checkin-service", "status", "200"))).isGreaterThanOrEqualTo(2.0);
        assertThat(sample(gateway, "confops_gateway_upstream_seconds_count",
                Map.of("upstream", "checkin-service", "status", "404"))).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void dashboardsAndAlertsAskOnlyForExposedMetrics() throws IOException {
        Set<String> asked = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            dashboards = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).hasSize(3);
        for (Path dashboard : dashboards) {
            JsonNode root = json.readTree(dashboard.toFile());
            assertThat(root.path("uid").asText()).as(dashboard.toString()).isNotBlank();
            List<String> expressions = new ArrayList<>();
            root.path("panels").forEach(panel -> panel.path("targets")
                    .forEach(target -> expressions.add(target.path("expr").asText())));
            root.path("templating").path("list").forEach(variable -> expressions.add(variable.path("definition").asText()));
            assertThat(expressions).as(dashboard.toString()).isNotEmpty();
            expressions.forEach(expression -> asked.addAll(metricNames(expression)));
        }
        YAMLMapper yaml = new YAMLMapper();
        int rules = 0;
        for (JsonNode document : yaml.readValues(yaml.createParser(MONITORING.toFile()), JsonNode.class).readAll()) {
            for (JsonNode group : document.path("spec").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    asked.addAll(metricNames(rule.path("expr").asText()));
                    rules++;
                }
            }
        }
        assertThat(rules).isGreaterThanOrEqualTo(8);
        assertThat(asked).contains("confops_checkin_scans_total", "confops_outbox_oldest_unpublished_seconds",
                "confops_gateway_upstream_seconds_bucket", "http_server_requests_seconds_bucket");
        assertThat(Files.readString(KAFKA)).as("the Kafka Exporter is deployed").contains("kafkaExporter:");
        // gauges refreshed on a schedule (the signing keys' expiry, every 15 s) may need one refresh to appear
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(exposed()).as("metrics the services (and the Kafka Exporter) expose").containsAll(asked));
    }

    private static Set<String> exposed() {
        Set<String> exposed = new TreeSet<>(KAFKA_EXPORTER);
        for (Platform.Service service : Platform.Service.values()) {
            metrics(service).lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exposed::add);
        }
        return exposed;
    }

    @Test
    void eachConferencesBadgeKeyExpiryIsWatched() {
        // the conference made for this test got its first key when it was created; its lifetime is 730 days
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(sample(metrics(Platform.Service.CATALOG), "confops_badge_signing_key_expires_in_seconds",
                        Map.of("conference", slug))).isBetween(729 * 86400.0, 730 * 86400.0));
    }

    /** The metric names in a PromQL expression: identifiers outside label matchers, ranges and strings. */
    static Set<String> metricNames(String expression) {
        String bare = expression.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*\\}", " ")
                .replaceAll("\\[[^]]*\\]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
                .replaceAll("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,[^)]*\\)", "$1");
        Set<String> names = new TreeSet<>();
        Matcher identifiers = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (identifiers.find()) {
            String word = identifiers.group();
            if (!PROMQL.contains(word) && !bare.startsWith("(", identifiers.end())) {
                names.add(word);
            }
        }
        return names;
    }

    @Test
    void metricNamesAreReadFromPromQl() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (service, le) (rate(http_server_requests_seconds_bucket"
                + "{service=\"checkin-service\", uri=~\".*/scan\"}[5m]))) > 0.05"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("sum by (a) (rate(x_total{b=\"c\"}[1m])) / sum by (a) (rate(y_total[1m])) > 0.01"))
                .containsExactly("x_total", "y_total");
        assertThat(metricNames("label_values(confops_checkin_scans_total, conference)"))
                .containsExactly("confops_checkin_scans_total");
    }
}
