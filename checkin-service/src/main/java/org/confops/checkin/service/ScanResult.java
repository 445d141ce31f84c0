package org.confops.checkin.service;

import org.confops.checkin.domain.CheckIn;

/** A successful scan: the attendee and the check-in it recorded; {@code reentry} when not their first. */
public record ScanResult(AttendeeRecord record, CheckIn checkIn, boolean reentry) {
}
