package org.confops.bulkpurchase.service;

import java.math.BigDecimal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Pricing and voucher details agreed after the request; absent fields stay as they are, a config replaces the whole. */
public record ConfigureRequest(
        @Min(1) @Max(BulkPurchaseRequest.MAX_QUANTITY) Integer quantity,
        @DecimalMin("0") BigDecimal unitPrice,
        @Valid VoucherConfig voucherConfig) {
}
