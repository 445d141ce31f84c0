package org.confops.bulkpurchase.messaging;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** {@code voucher.redeemed} on the {@code vouchers} topic: an order used one of our codes (the fields read here). */
public record VoucherRedeemed(@Positive long voucherId, Long conferenceId, String code, Long bulkPurchaseId,
        @PositiveOrZero int timesUsed) {
}
