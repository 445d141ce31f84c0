package org.confops.platform.testapp;

import jakarta.validation.constraints.NotBlank;

/** {@code ledger.entry}: the test application's only event. */
public record LedgerEntry(@NotBlank String account, @NotBlank String entry, int amount) {
}
