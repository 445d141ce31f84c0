package org.confops.bulkpurchase.messaging;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code ticket-type.changed} and {@code addon.changed} on the {@code catalog} topic (one shape). */
public record ProductSnapshot(@Positive long id, @Positive long conferenceId, @NotBlank String slug,
        @NotNull String name, @NotNull BigDecimal price, boolean bulkEnabled, boolean active, @Positive long version) {
}
