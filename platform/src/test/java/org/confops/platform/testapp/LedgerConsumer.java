package org.confops.platform.testapp;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.platform.inbox.EventHandlers;
import org.confops.platform.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** What a service writes to consume: its handlers, and one line handing each batch to the inbox. */
@ApplicationScoped
public class LedgerConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    Ledger ledger;

    private EventHandlers handlers;

    @PostConstruct
    void declareHandlers() {
        handlers = EventHandlers.create()
                .onBatch("ledger.entry", LedgerEntry.class, ledger::apply)
                .ignore("ledger.audit");
    }

    @Incoming("ledger-in")
    @Blocking
    public CompletionStage<Void> onLedger(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("ledger-in", batch, handlers);
    }
}
