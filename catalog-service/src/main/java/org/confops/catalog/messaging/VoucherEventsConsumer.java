package org.confops.catalog.messaging;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.catalog.service.VoucherService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;

/** Keeps the vouchers orders may use in step with what the bulk-purchase service issued and revoked. */
@ApplicationScoped
public class VoucherEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    EventData data;

    @Inject
    VoucherService vouchers;

    @Incoming("vouchers-in")
    @Blocking
    public CompletionStage<Void> onVouchers(Message<String> message) {
        return inbox.receive(message, Map.of(
                "voucher.issued", e -> vouchers.apply(data.read(e, VoucherSnapshot.class)),
                "voucher.revoked", e -> vouchers.apply(data.read(e, VoucherSnapshot.class))));
    }
}
