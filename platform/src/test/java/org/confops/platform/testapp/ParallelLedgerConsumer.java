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

/** The same ledger from a topic whose partitions a batch applies in parallel; it notes the threads that applied. */
@ApplicationScoped
public class ParallelLedgerConsumer {

    /** Names of the threads that applied a run of entries. */
    public static final Set<String> APPLYING_THREADS = ConcurrentHashMap.newKeySet();

    @Inject
    EventInbox inbox;

    @Inject
    Ledger ledger;

    private EventHandlers handlers;

    @PostConstruct
    void declareHandlers() {
        handlers = EventHandlers.create()
                .onBatch("ledger.entry", LedgerEntry.class, entries -> {
                    APPLYING_THREADS.add(Thread.currentThread().getName());
                    ledger.apply(entries);
                })
                .partitionsInParallel();
    }

    @Incoming("ledger-parallel-in")
    @Blocking
    public CompletionStage<Void> onLedger(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("ledger-parallel-in", batch, handlers);
    }
}
