package org.confops.catalog.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.catalog.service.VoucherService;
import org.confops.platform.inbox.EventHandlers;
import org.confops.platform.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Keeps the vouchers orders may use in step with what the bulk-purchase service issued and revoked. */
@ApplicationScoped
public class VoucherEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    VoucherService vouchers;

    private EventHandlers handlers;

    /**
     * A voucher row depends on its own snapshots only (newest version wins, keyed by the issuer's id, one
     * partition per key), so a sponsor's 100 000 codes are applied on all partitions at once.
     */
    @PostConstruct
    void declareHandlers() {
        handlers = EventHandlers.create()
                .onBatch("voucher.issued", VoucherSnapshot.class, vouchers::apply)
                .onBatch("voucher.revoked", VoucherSnapshot.class, vouchers::apply)
                .partitionsInParallel();
    }

    @Incoming("vouchers-in")
    @Blocking
    public CompletionStage<Void> onVouchers(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("vouchers-in", batch, handlers);
    }
}
