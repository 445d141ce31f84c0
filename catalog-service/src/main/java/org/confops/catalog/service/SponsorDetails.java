package org.confops.catalog.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record SponsorDetails(
        @NotBlank @Size(max = 50) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 50) String level) {
}
