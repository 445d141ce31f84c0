package org.confops.bulkpurchase.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code conference.changed} on the {@code catalog} topic (the fields this service reads; see contracts/events.md). */
public record ConferenceSnapshot(@Positive long id, @NotBlank String slug, @NotNull String name, @Positive long version) {
}
