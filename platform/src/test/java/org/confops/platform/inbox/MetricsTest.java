package org.confops.platform.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confops.platform.testapp.LedgerEvents;
import org.confops.testinfra.PlatformEvents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The numbers operators watch move with what the inbox and the relay do. */
@QuarkusTest
class MetricsTest {

    private static double metric(String name, String... labels) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double total = 0;
        for (String line : body.lines().toList()) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                Matcher value = Pattern.compile(" ([0-9.eE+-]+)$").matcher(line);
                total += value.find() ? Double.parseDouble(value.group(1)) : 0;
            }
        }
        return total;
    }

    @Test
    void appliedEventsDeadLettersAndLagAreCounted() {
        double applied = metric("confops_inbox_events_total", "consumer=\"ledger-in\"", "outcome=\"applied\"",
                "type=\"ledger.entry\"");
        double malformed = metric("confops_inbox_dead_letters_total", "consumer=\"ledger-in\"", "reason=\"malformed\"");
        double lagCount = metric("confops_inbox_apply_lag_seconds_count", "consumer=\"ledger-in\"");
        String account = "metrics-" + UUID.randomUUID();

        LedgerEvents.entry(account, "one", 1);
        LedgerEvents.entry(account, "two", 1);
        PlatformEvents.publish("ledger", account, "ledger.entry", "{broken");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(metric("confops_inbox_events_total", "consumer=\"ledger-in\"", "outcome=\"applied\"",
                    "type=\"ledger.entry\"")).isGreaterThanOrEqualTo(applied + 2);
            assertThat(metric("confops_inbox_dead_letters_total", "consumer=\"ledger-in\"", "reason=\"malformed\""))
                    .isGreaterThanOrEqualTo(malformed + 1);
            assertThat(metric("confops_inbox_apply_lag_seconds_count", "consumer=\"ledger-in\""))
                    .isGreaterThanOrEqualTo(lagCount + 2);
        });
    }

    @Test
    void theRelayCountsWhatItPublishesAndReportsItsBacklog() {
        double published = metric("confops_outbox_published_total", "topic=\"ledger\"");
        given().post("/test/outbox/metrics-" + UUID.randomUUID() + "/5").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                metric("confops_outbox_published_total", "topic=\"ledger\"")).isGreaterThanOrEqualTo(published + 5));
        String body = given().get("/q/metrics").then().extract().asString();
        assertThat(body).contains("confops_outbox_backlog").contains("confops_outbox_oldest_unpublished_seconds");
    }
}
