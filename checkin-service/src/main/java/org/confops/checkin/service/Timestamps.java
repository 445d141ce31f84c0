package org.confops.checkin.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times at PostgreSQL's precision, so a value answered now equals the same value read back later. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A timestamp as JDBC or Hibernate hands it back from a native query; null stays null. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }
}
