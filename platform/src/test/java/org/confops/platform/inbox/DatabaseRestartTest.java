package org.confops.platform.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.confops.platform.testapp.Ledger;
import org.confops.testinfra.PlatformEvents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * PostgreSQL goes away while a consumer applies a long stream, and comes back: every event is applied exactly
 * once in effect, readiness says DOWN meanwhile and UP afterwards, and the consumer lives on without a restart.
 * The database is a cluster of the test's own ({@link PrivateDatabaseProfile}), stopped as an operator's fast
 * shutdown does and started again on the same port.
 */
@QuarkusTest
@TestProfile(PrivateDatabaseProfile.class)
class DatabaseRestartTest {

    @Inject
    Ledger ledger;

    private static List<Map<String, Object>> entries(String account, int from, int to) {
        return IntStream.range(from, to)
                .<Map<String, Object>>mapToObj(i -> Map.of("account", account, "entry", "e" + i, "amount", 1))
                .toList();
    }

    private static String consumersCheck() {
        JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
        return health.getString("checks.find { it.name == 'event consumers' }.status");
    }

    @Test
    void aDatabaseOutageDuringAStreamLosesNothingAndCountsNothingTwice() {
        String account = "restart-" + UUID.randomUUID();
        PlatformEvents.publishMany("ledger", account, "ledger.entry", entries(account, 0, 10_000));
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.rowsAndDuplicates(account)[0] > 0);

        PrivateDatabaseProfile.server().stop();
        try {
            PlatformEvents.publishMany("ledger", account, "ledger.entry", entries(account, 10_000, 20_000));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "DOWN".equals(consumersCheck()));
        } finally {
            PrivateDatabaseProfile.server().startServer();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> ledger.rowsAndDuplicates(account)[0] >= 20_000);
        assertThat(ledger.rowsAndDuplicates(account)).containsExactly(20_000, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(consumersCheck()));
        // every other check (the relay's own connection, the datasource) is back too, without a restart
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));

        PlatformEvents.publishMany("ledger", account, "ledger.entry", entries(account, 20_000, 20_001));
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.rowsAndDuplicates(account)[0] == 20_001);
    }
}
