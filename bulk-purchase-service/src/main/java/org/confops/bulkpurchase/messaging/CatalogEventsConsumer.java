package org.confops.bulkpurchase.messaging;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.bulkpurchase.domain.Product;
import org.confops.bulkpurchase.service.ProjectionService;
import org.confops.bulkpurchase.service.VoucherUsageService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;

/** Keeps the projection of the catalog in step, and the codes' use counts with what orders took. */
@ApplicationScoped
public class CatalogEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    EventData data;

    @Inject
    ProjectionService projection;

    @Inject
    VoucherUsageService usage;

    @Incoming("catalog-in")
    @Blocking
    public CompletionStage<Void> onCatalog(Message<String> message) {
        return inbox.receive(message, Map.of(
                "conference.changed", e -> projection.apply(data.read(e, ConferenceSnapshot.class)),
                "ticket-type.changed", e -> projection.apply(Product.TICKET_TYPE, data.read(e, ProductSnapshot.class)),
                "addon.changed", e -> projection.apply(Product.ADDON, data.read(e, ProductSnapshot.class)),
                "sponsor.changed", e -> projection.apply(data.read(e, SponsorSnapshot.class))));
    }

    /**
     * The vouchers topic also carries this service's own issued/revoked events, up to 100 000 per purchase:
     * they are acknowledged without a dedupe row each, which would only fill the inbox table.
     */
    @Incoming("vouchers-in")
    @Blocking
    public CompletionStage<Void> onVouchers(Message<String> message) {
        boolean own = InboundEvent.from(message).map(InboundEvent::type)
                .filter(type -> VoucherSnapshot.ISSUED.equals(type) || VoucherSnapshot.REVOKED.equals(type))
                .isPresent();
        if (own) {
            return message.ack();
        }
        return inbox.receive(message, Map.of(
                "voucher.redeemed", e -> usage.apply(data.read(e, VoucherRedeemed.class))));
    }
}
