package org.confops.bulkpurchase.messaging;

import java.time.Instant;
import java.util.List;

/**
 * {@code voucher.issued} and {@code voucher.revoked} on the {@code vouchers} topic: one code with every rule the
 * catalog needs to accept it ({@code active} false once revoked). See contracts/events.md.
 */
public record VoucherSnapshot(long id, long conferenceId, Long bulkPurchaseId, String code, String voucherType,
        String discountValue, int maxUses, Instant validFrom, Instant validUntil, List<String> ticketTypeSlugs,
        List<String> addonSlugs, boolean unlocksHiddenTickets, boolean active, long version) {

    public static final String ISSUED = "voucher.issued";
    public static final String REVOKED = "voucher.revoked";
    public static final String TOPIC = "vouchers";
}
