package org.confops.catalog.service;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A payment as the provider reports it; {@code amount}, when given, must be the order's total. */
public record PaymentRequest(
        @NotBlank @Size(max = 100) String reference,
        @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal amount) {
}
