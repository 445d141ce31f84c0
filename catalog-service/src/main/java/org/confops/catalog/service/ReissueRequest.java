package org.confops.catalog.service;

import jakarta.validation.constraints.Size;

/** Why a badge is reissued (lost, stolen, misprinted), kept with the old code; optional. */
public record ReissueRequest(@Size(max = 200) String reason) {
}
