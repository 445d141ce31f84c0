package org.confops.checkin.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code attendee.changed} on the {@code attendees} topic (fields check-in reads; see contracts/events.md). */
public record AttendeeSnapshot(@Positive long id, @Positive long conferenceId, @NotBlank String accessCode, @NotNull String name,
        String email, Long orderId,
        @Positive long version) {
}
