package org.confops.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.confops.platform.testapp.Ledger;
import org.confops.platform.testapp.LedgerEvents;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The inbox applies each event once, and sends what it can never apply to the dead-letter topic. */
@QuarkusTest
class InboxTest {

    @Inject
    Ledger ledger;

    private static String account() {
        return "acct-" + UUID.randomUUID();
    }

    @Test
    void poisonRecordsInTheMiddleOfABatchGoToTheDeadLetterTopicAndTheRestIsApplied() {
        String account = account();
        LedgerEvents.entry(account, "first", 5);
        PlatformEvents.publish("ledger", account, "ledger.entry", "{not json");
        PlatformEvents.publishPlain("ledger", account, "{\"account\":\"no headers\"}");
        PlatformEvents.publish("ledger", account, "ledger.unheard-of", Map.of("account", account));
        PlatformEvents.publish("ledger", account, "ledger.entry", Map.of("account", account, "amount", 1));
        LedgerEvents.entry(account, "refused", -1);
        PlatformEvents.publish("ledger", account, "ledger.audit", Map.of("account", account));
        LedgerEvents.entry(account, "last", 7);

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.rowsAndDuplicates(account)[0] == 2);
        List<Received> dead = LedgerEvents.deadLetters(account, 5, Duration.ofSeconds(30));

        assertThat(dead).extracting(r -> r.headers().get(DeadLetters.REASON)).satisfiesExactly(
                reason -> assertThat(reason).startsWith("malformed data"),
                reason -> assertThat(reason).startsWith("not a CloudEvent"),
                reason -> assertThat(reason).isEqualTo("unknown event type ledger.unheard-of for ledger-in"),
                reason -> assertThat(reason).startsWith("malformed data").contains("entry"),
                reason -> assertThat(reason).isEqualTo("handler refused it: negative amount"));
        assertThat(dead).allSatisfy(r -> {
            assertThat(r.headers().get(DeadLetters.CONSUMER)).isEqualTo("/platform-test#ledger-in");
            assertThat(r.headers().get(DeadLetters.ORIGIN)).startsWith("ledger-");
        });
        assertThat(dead.get(4).headers()).containsEntry("ce_type", "ledger.entry");
        assertThat(ledger.rowsAndDuplicates(account)).containsExactly(2, 0);
        // the consumer is still running
        LedgerEvents.entry(account, "after", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.rowsAndDuplicates(account)[0] == 3);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String account = account();
        String id = UUID.randomUUID().toString();
        Map<String, Object> data = Map.of("account", account, "entry", "once", "amount", 3);
        for (int i = 0; i < 3; i++) {
            PlatformEvents.publish("ledger", account, id, "ledger.entry", data);
        }
        LedgerEvents.entry(account, "marker", 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.rowsAndDuplicates(account)[0] >= 2);
        assertThat(ledger.rowsAndDuplicates(account)).containsExactly(2, 0);
    }
}
