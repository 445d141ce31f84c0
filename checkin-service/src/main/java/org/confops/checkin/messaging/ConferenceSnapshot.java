package org.confops.checkin.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code conference.changed} on the {@code catalog} topic (fields check-in reads; see contracts/events.md). */
public record ConferenceSnapshot(@Positive long id, @NotBlank String slug, @NotNull String name, String timeZone,
        @Positive long version) {
}
