package org.confops.checkin.service;

import java.time.Instant;

/**
 * A pass through a door: {@code entry} or {@code exit}, at a station, when it happened ({@code null}: now;
 * a scanner that queued it offline sends its own time).
 */
public record Movement(String accessCode, String station, String direction, Instant occurredAt) {

    public static Movement entryNow(String accessCode, String station) {
        return new Movement(accessCode, station, "entry", null);
    }
}
