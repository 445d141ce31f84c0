package org.confops.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.confops.testinfra.PlatformEvents;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code confops.outbox.retention} set, published rows stay, marked published, instead of being deleted. */
@QuarkusTest
@TestProfile(KeptPublishedRowsTest.KeepForAnHour.class)
class KeptPublishedRowsTest {

    public static class KeepForAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("confops.outbox.retention", "1h");
        }
    }

    @Inject
    OutboxRepository outbox;

    @Test
    void publishedRowsAreMarkedAndKept() {
        String account = "kept-" + UUID.randomUUID();
        given().post("/test/outbox/" + account + "/2").then().statusCode(200);

        assertThat(PlatformEvents.read("ledger", r -> account.equals(r.key()), 2, Duration.ofSeconds(30))).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(account).stream().allMatch(r -> r.publishedAt != null));
        assertThat(rows(account)).hasSize(2)
                .allMatch(row -> !row.publishedAt.isBefore(row.occurredAt.minusSeconds(1)));
    }

    private List<OutboxEvent> rows(String account) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.list("recordKey", account));
    }
}
