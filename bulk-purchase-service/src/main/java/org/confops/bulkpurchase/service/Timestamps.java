package org.confops.bulkpurchase.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times at PostgreSQL's precision, so a value answered now equals the same value read back later. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
