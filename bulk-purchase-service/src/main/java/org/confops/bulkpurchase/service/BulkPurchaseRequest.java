package org.confops.bulkpurchase.service;

import java.math.BigDecimal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A new bulk purchase: products by slug (either, both or none = every product), unit price, voucher rules. */
public record BulkPurchaseRequest(
        String sponsor,
        @NotNull @Min(1) @Max(BulkPurchaseRequest.MAX_QUANTITY) Integer quantity,
        String ticketType,
        String addon,
        @NotNull @DecimalMin("0") BigDecimal unitPrice,
        @Valid VoucherConfig voucherConfig) {

    public static final int MAX_QUANTITY = 100_000;
}
