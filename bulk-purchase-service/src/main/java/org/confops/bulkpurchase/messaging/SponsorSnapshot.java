package org.confops.bulkpurchase.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code sponsor.changed} on the {@code catalog} topic. */
public record SponsorSnapshot(@Positive long id, @Positive long conferenceId, @NotBlank String slug,
        @NotNull String name, String level, @Positive long version) {
}
