package org.confops.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.confops.platform.testapp.Ledger;
import org.confops.platform.testapp.LedgerConsumer;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Keyed;
import org.confops.testinfra.PlatformEvents.Received;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A consumer that applies each partition's share of a batch in its own transaction, in parallel: every event
 * still applied exactly once, redeliveries skipped, a poison record dead-lettered and the rest applied.
 */
@QuarkusTest
class PartitionsInParallelTest {

    private static final int ACCOUNTS = 12;
    private static final int ENTRIES = 250;

    @Inject
    Ledger ledger;

    @Test
    void everyPartitionIsAppliedOnceWhileTheyRunInParallel() {
        String run = UUID.randomUUID().toString();
        List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "par-" + run + "-" + i).toList();
        List<Keyed> records = new ArrayList<>();
        for (int entry = 0; entry < ENTRIES; entry++) {
            for (String account : accounts) {
                records.add(new Keyed(account, Map.of("account", account, "entry", "e" + entry, "amount", 1)));
            }
        }
        String redelivered = UUID.randomUUID().toString();
        Map<String, Object> once = Map.of("account", accounts.get(0), "entry", "redelivered", "amount", 1);
        PlatformEvents.publish("ledger-parallel", accounts.get(0), redelivered, "ledger.entry", once);
        PlatformEvents.publishMany("ledger-parallel", "ledger.entry", records);
        PlatformEvents.publish("ledger-parallel", accounts.get(1), "ledger.entry", "{not json");
        PlatformEvents.publish("ledger-parallel", accounts.get(0), redelivered, "ledger.entry", once);
        PlatformEvents.publishMany("ledger-parallel", "ledger.entry", records.subList(0, ACCOUNTS).stream()
                .map(r -> new Keyed(r.key(), Map.of("account", r.key(), "entry", "last", "amount", 1))).toList());

        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.rowsAndDuplicates(accounts.get(0))[0] >= ENTRIES + 2
                && accounts.stream().allMatch(account -> ledger.rowsAndDuplicates(account)[0] >= ENTRIES + 1));

        assertThat(ledger.rowsAndDuplicates(accounts.get(0))).containsExactly(ENTRIES + 2, 0);
        assertThat(accounts.subList(1, ACCOUNTS)).allSatisfy(account ->
                assertThat(ledger.rowsAndDuplicates(account)).containsExactly(ENTRIES + 1, 0));
        List<Received> dead = PlatformEvents.read("ledger-parallel.dlq", r -> accounts.get(1).equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(dead.get(0).headers().get(DeadLetters.REASON)).startsWith("malformed data");
        // more than one partition in a batch: the others were applied beside the caller's thread
        assertThat(LedgerConsumer.PARALLEL_APPLYING_THREADS).anyMatch(name -> name.startsWith("inbox-partition-"));
    }
}
