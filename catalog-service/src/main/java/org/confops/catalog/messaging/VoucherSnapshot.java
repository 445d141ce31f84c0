package org.confops.catalog.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * {@code voucher.issued} and {@code voucher.revoked} on the {@code vouchers} topic: the voucher's whole state
 * as the bulk-purchase service holds it ({@code active} false once revoked). See contracts/events.md.
 */
public record VoucherSnapshot(
        @Positive long id,
        @Positive long conferenceId,
        Long bulkPurchaseId,
        @NotBlank String code,
        @NotNull @Pattern(regexp = "comp|percentage|fixed_amount") String voucherType,
        @PositiveOrZero BigDecimal discountValue,
        @PositiveOrZero int maxUses,
        Instant validFrom,
        Instant validUntil,
        List<String> ticketTypeSlugs,
        List<String> addonSlugs,
        boolean unlocksHiddenTickets,
        boolean active,
        @Positive long version) {
}
