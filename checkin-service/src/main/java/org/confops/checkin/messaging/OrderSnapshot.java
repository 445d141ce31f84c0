package org.confops.checkin.messaging;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** {@code order.changed} on the {@code orders} topic (fields check-in reads; see contracts/events.md). */
public record OrderSnapshot(@Positive long id, @Positive long conferenceId, @NotBlank String status, @Positive long version,
        List<@Valid Line> lineItems) {

    public record Line(@Positive long id, String ticketTypeSlug, String addonSlug, @NotNull String description,
            @PositiveOrZero int quantity) {
    }

    public List<Line> lineItemsOrEmpty() {
        return lineItems == null ? List.of() : lineItems;
    }
}
