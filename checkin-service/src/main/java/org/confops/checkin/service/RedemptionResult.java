package org.confops.checkin.service;

import org.confops.checkin.domain.LineItem;
import org.confops.checkin.domain.Redemption;

public record RedemptionResult(AttendeeRecord record, LineItem line, Redemption redemption) {
}
