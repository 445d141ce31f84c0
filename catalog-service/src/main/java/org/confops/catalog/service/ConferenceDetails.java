package org.confops.catalog.service;

import java.time.LocalDate;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A conference as an organizer describes it (create and replace). */
public record ConferenceDetails(
        @NotBlank @Size(max = 50) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @NotBlank @Size(max = 200) String name,
        @NotNull LocalDate startDate,
        @NotNull LocalDate endDate,
        @NotBlank String timeZone) {

    @AssertTrue(message = "must not be before start_date")
    public boolean isEndDate() {
        return startDate == null || endDate == null || !endDate.isBefore(startDate);
    }

    @AssertTrue(message = "must be an IANA time zone such as Europe/Berlin")
    public boolean isTimeZone() {
        if (timeZone == null || timeZone.isBlank()) {
            return true;
        }
        try {
            java.time.ZoneId.of(timeZone);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }
}
