package org.confops.checkin.service;

import org.confops.checkin.domain.CheckIn;

/**
 * A successful scan: the attendee and the check-in it recorded; {@code reentry} when not their first;
 * {@code replayed} when a device resent a scan already recorded (by its nonce) and this is that first answer.
 */
public record ScanResult(AttendeeRecord record, CheckIn checkIn, boolean reentry, boolean replayed) {
}
