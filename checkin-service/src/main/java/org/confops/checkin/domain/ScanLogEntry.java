package org.confops.checkin.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One scan at the desk as it was made, admitted or refused: the history of the door, including what
 * changed nothing else (unknown codes, unpaid orders).
 */
@Entity
@Table(name = "scan_log")
public class ScanLogEntry {
    public static final String ACCEPTED = "accepted";
    public static final String REFUSED = "refused";
    public static final String ENTRY = "entry";
    public static final String EXIT = "exit";
    public static final String REDEEM = "redeem";
    public static final String DOOR_CHECK = "door_check";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long conferenceId;
    /** {@code entry}, {@code exit}, {@code redeem} (a product handed out) or {@code door_check}. */
    public String scanType;
    public String accessCode;
    /** Null when the code is unknown. */
    public Long attendeeId;
    public String result;
    /** Why it was refused ({@code unknown_code}, {@code not_paid}, …); null when accepted. */
    public String reason;
    /** The error the scanner was shown. */
    public String message;
    public String station;
    public String actorSubject;
    public String actorName;
    public String nonce;
    /** The device's clock when it scanned (sent with queued scans, optional online). */
    public Instant clientTime;
    public Instant serverTime;
    /** The check-in an accepted entry or exit recorded. */
    public Long checkinId;
    /** What a redemption asked for. */
    public Long lineItemId;
    /** What a door check asked for (a ticket type or add-on slug). */
    public String product;
}
