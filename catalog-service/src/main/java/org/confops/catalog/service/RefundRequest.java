package org.confops.catalog.service;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;

/** A refund of {@code amount}, or of everything still refundable when it is left out. */
public record RefundRequest(
        @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @Size(max = 500) String reason) {
}
