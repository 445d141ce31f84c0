package org.confops.platform.testapp;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.platform.inbox.EventHandlers;
import org.confops.platform.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * What a service writes to consume: its handlers, and one line handing each batch to the inbox. The same ledger
 * is also read from a topic whose partitions a batch applies in parallel, noting the threads that applied.
 */
@ApplicationScoped
public class LedgerConsumer {

    /** Names of the threads that applied a run of entries read from {@code ledger-parallel}. */
    public static final Set<String> PARALLEL_APPLYING_THREADS = ConcurrentHashMap.newKeySet();

    @Inject
    EventInbox inbox;

    @Inject
    Ledger ledger;

    private EventHandlers handlers;
    private EventHandlers parallel;

    @PostConstruct
    void declareHandlers() {
        handlers = EventHandlers.create()
                .onBatch("ledger.entry", LedgerEntry.class, ledger::apply)
                .ignore("ledger.audit");
        parallel = EventHandlers.create()
                .onBatch("ledger.entry", LedgerEntry.class, entries -> {
                    PARALLEL_APPLYING_THREADS.add(Thread.currentThread().getName());
                    ledger.apply(entries);
                })
                .partitionsInParallel();
    }

    @Incoming("ledger-in")
    @Blocking
    public CompletionStage<Void> onLedger(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("ledger-in", batch, handlers);
    }

    @Incoming("ledger-parallel-in")
    @Blocking
    public CompletionStage<Void> onLedgerInParallel(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("ledger-parallel-in", batch, parallel);
    }
}
