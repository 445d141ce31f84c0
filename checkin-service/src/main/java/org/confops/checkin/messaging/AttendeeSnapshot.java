package org.confops.checkin.messaging;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * {@code attendee.changed} on the {@code attendees} topic (fields check-in reads; see contracts/events.md).
 * {@code revokedAccessCodes}: codes of the attendee's reissued badges (absent from older producers: none).
 */
public record AttendeeSnapshot(@Positive long id, @Positive long conferenceId, @NotBlank String accessCode, @NotNull String name,
        String email, Long orderId, List<@NotBlank String> revokedAccessCodes,
        @Positive long version) {

    public List<String> revokedCodes() {
        return revokedAccessCodes == null ? List.of() : revokedAccessCodes;
    }
}
