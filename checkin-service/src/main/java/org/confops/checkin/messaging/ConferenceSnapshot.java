package org.confops.checkin.messaging;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * {@code conference.changed} on the {@code catalog} topic (fields check-in reads; see contracts/events.md).
 * {@code signingKeys} is null in snapshots from before signed badges: the keys held are then left as they are.
 */
public record ConferenceSnapshot(@Positive long id, @NotBlank String slug, @NotNull String name, String timeZone,
        List<@Valid @NotNull SigningKeySnapshot> signingKeys, @Positive long version) {
}
