package org.confops.checkin.service;

import org.confops.checkin.domain.LineItem;
import org.confops.checkin.domain.Redemption;

/** A unit handed out; {@code replayed} when a device resent a redemption already recorded (by its nonce). */
public record RedemptionResult(AttendeeRecord record, LineItem line, Redemption redemption, boolean replayed) {
}
