package org.confops.catalog.service;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A ticket type or add-on as an organizer describes it; {@code active} defaults to true, {@code bulk_enabled} to false. */
public record ProductDetails(
        @NotBlank @Size(max = 50) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @NotBlank @Size(max = 200) String name,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
        Boolean bulkEnabled,
        Boolean active,
        @PositiveOrZero Integer capacity) {
}
