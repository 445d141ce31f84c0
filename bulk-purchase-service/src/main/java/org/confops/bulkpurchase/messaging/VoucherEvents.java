package org.confops.bulkpurchase.messaging;

import org.confops.platform.outbox.Outbox;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.bulkpurchase.domain.BulkPurchase;
import org.confops.bulkpurchase.domain.Product;
import org.confops.bulkpurchase.repository.VoucherWriter.Written;
import org.confops.platform.values.Money;

/**
 * voucher.issued / voucher.revoked for a purchase's codes (see contracts/events.md), written to the outbox in the
 * caller's transaction. Every code of a purchase shares its rules, so the snapshot is the purchase's rules
 * plus the code's own id, code, state and version.
 */
@ApplicationScoped
public class VoucherEvents {

    @Inject
    Outbox outbox;

    public void issued(BulkPurchase purchase, Product ticketType, Product addon, List<Written> vouchers) {
        write(VoucherSnapshot.ISSUED, purchase, ticketType, addon, vouchers, true);
    }

    public void revoked(BulkPurchase purchase, Product ticketType, Product addon, List<Written> vouchers) {
        write(VoucherSnapshot.REVOKED, purchase, ticketType, addon, vouchers, false);
    }

    private void write(String type, BulkPurchase p, Product ticketType, Product addon, List<Written> vouchers,
            boolean active) {
        List<String> ticketTypes = ticketType == null ? List.of() : List.of(ticketType.slug);
        List<String> addons = addon == null ? List.of() : List.of(addon.slug);
        String discount = Money.format(p.discountValue);
        outbox.addAll(VoucherSnapshot.TOPIC, type, vouchers.stream()
                .map(v -> new Outbox.Entry(String.valueOf(v.id()), v.code(), new VoucherSnapshot(v.id(),
                        p.conferenceId, p.id, v.code(), p.voucherType, discount, v.maxUses(), p.validFrom,
                        p.validUntil, ticketTypes, addons, p.unlocksHiddenTickets, active, v.version())))
                .toList());
    }
}
