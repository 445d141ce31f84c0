package org.confops.bulkpurchase.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The payment provider's (or the bank transfer's) reference; recording it twice is harmless. */
public record PaymentRequest(@NotBlank @Size(max = 200) String reference) {
}
