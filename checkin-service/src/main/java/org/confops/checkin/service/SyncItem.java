package org.confops.checkin.service;

import java.time.Instant;

/**
 * One scan, exit or redemption a scanner queued while offline. {@code nonce} is the device's id for it:
 * the same nonce again is the same item, whatever else it says.
 */
public record SyncItem(String nonce, String type, String accessCode, String station, Long lineItemId,
        Instant clientTime) {

    public static final String SCAN = "scan";
    public static final String EXIT = "exit";
    public static final String REDEEM = "redeem";
}
