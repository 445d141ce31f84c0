package org.confops.bulkpurchase.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.bulkpurchase.domain.Product;
import org.confops.bulkpurchase.service.ProjectionService;
import org.confops.bulkpurchase.service.VoucherUsageService;
import org.confops.platform.inbox.EventHandlers;
import org.confops.platform.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Keeps the projection of the catalog in step, and the codes' use counts with what orders took. */
@ApplicationScoped
public class CatalogEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    ProjectionService projection;

    @Inject
    VoucherUsageService usage;

    private EventHandlers catalog;
    private EventHandlers vouchers;

    @PostConstruct
    void declareHandlers() {
        catalog = EventHandlers.create()
                .on("conference.changed", ConferenceSnapshot.class, projection::apply)
                .on("ticket-type.changed", ProductSnapshot.class, p -> projection.apply(Product.TICKET_TYPE, p))
                .on("addon.changed", ProductSnapshot.class, p -> projection.apply(Product.ADDON, p))
                .on("sponsor.changed", SponsorSnapshot.class, projection::apply);
        // voucher.issued/revoked on this topic are this service's own, skipped by the inbox before any work.
        vouchers = EventHandlers.create()
                .on("voucher.redeemed", VoucherRedeemed.class, usage::apply);
    }

    @Incoming("catalog-in")
    @Blocking
    public CompletionStage<Void> onCatalog(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("catalog-in", batch, catalog);
    }

    @Incoming("vouchers-in")
    @Blocking
    public CompletionStage<Void> onVouchers(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("vouchers-in", batch, vouchers);
    }
}
