package org.confops.bulkpurchase.service;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * What every code of a purchase allows. Type and value may stay open while the deal is negotiated;
 * fulfilment refuses (422) until both are set.
 */
public record VoucherConfig(
        @Pattern(regexp = "comp|percentage|fixed_amount", message = "must be comp, percentage or fixed_amount")
        String voucherType,
        @DecimalMin("0") BigDecimal discountValue,
        @Min(1) Integer maxUses,
        Instant validFrom,
        Instant validUntil,
        @Pattern(regexp = "[A-Za-z0-9-]{1,30}", message = "must be 1-30 letters, digits or hyphens") String prefix,
        Boolean unlocksHiddenTickets) {
}
