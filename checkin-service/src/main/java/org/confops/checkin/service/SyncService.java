package org.confops.checkin.service;

import org.confops.platform.errors.Rejection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.CheckIn;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.domain.Redemption;
import org.confops.checkin.domain.ScanLogEntry;
import org.confops.checkin.repository.AttendeeRepository;
import org.confops.checkin.repository.CheckInRepository;
import org.confops.checkin.repository.LineItemRepository;
import org.confops.checkin.repository.RedemptionRepository;
import org.confops.platform.security.Actor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes what scanners send idempotent by the device's nonce, recorded in the transaction that applies it:
 * items queued offline ({@link #apply}), and online scans and redemptions a device may resend after losing
 * the answer ({@link #scanOnce}, {@link #redeemOnce}). Whatever is resent, and whichever way, it counts once.
 */
@ApplicationScoped
public class SyncService {

    public static final int MAX_NONCE_LENGTH = 100;

    @Inject
    CheckinService checkins;

    @Inject
    RedemptionService redemptions;

    @Inject
    AttendeeFinder finder;

    @Inject
    AttendeeRepository attendees;

    @Inject
    CheckInRepository checkIns;

    @Inject
    RedemptionRepository redemptionRows;

    @Inject
    LineItemRepository lineItems;

    @Inject
    ScanLog scanLog;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    DoorMetrics metrics;

    /** One queued item, in its own transaction; a replay is answered {@code already_processed} with the first answer. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = Rejection.class)
    public Map<String, Object> apply(Conference conference, SyncItem item, Actor actor) {
        if (!claim(conference, item.nonce(), item.type())) {
            Map<String, Object> replay = new LinkedHashMap<>();
            replay.put("nonce", item.nonce());
            replay.put("status", "already_processed");
            replay.put("original", stored(conference, item.nonce()));
            metrics.synced(conference.slug, "replayed");
            return replay;
        }
        Map<String, Object> result = perform(conference, item, actor);
        store(conference, item.nonce(), result);
        metrics.synced(conference.slug, "applied");
        return result;
    }

    /**
     * An online scan, applied once per nonce (none: every call counts). A refused scan records nothing but its
     * line in the scan log, so its resend is judged afresh; a resend of a recorded one gets that check-in back,
     * marked replayed (and is not logged twice). {@code clientTime} is the device's clock, for the log only.
     */
    @Transactional
    public ScanResult scanOnce(Conference conference, Movement movement, String nonce, Instant clientTime,
            Actor actor) {
        if (nonce == null) {
            return logged(conference, movement, null, clientTime, actor);
        }
        String type = "exit".equals(movement.direction()) ? SyncItem.EXIT : SyncItem.SCAN;
        if (!claim(conference, validNonce(nonce), type)) {
            Number checkinId = (Number) stored(conference, nonce).get("checkin_id");
            if (checkinId == null) {
                throw Rejection.conflict("This nonce was used for something else").with("nonce", nonce);
            }
            CheckIn checkIn = checkIns.findById(checkinId.longValue());
            Attendee attendee = attendees.findById(checkIn.attendeeId);
            AttendeeRecord record = finder.find(conference, attendee.accessCode);
            return new ScanResult(record, checkIn,
                    CheckIn.ENTRY.equals(checkIn.direction) && attendee.checkedIn()
                            && checkIn.checkedInAt.isAfter(attendee.firstCheckedInAt),
                    true);
        }
        ScanResult result = logged(conference, movement, nonce, clientTime, actor);
        store(conference, nonce, scanned(nonce, type, result));
        return result;
    }

    /** A scan through {@link CheckinService#scan}, written to the scan log whatever its outcome. */
    private ScanResult logged(Conference conference, Movement movement, String nonce, Instant clientTime,
            Actor actor) {
        ScanLog.Scan scan = ScanLog.Scan.movement(movement.direction(), movement.accessCode(), movement.station(),
                nonce, clientTime);
        try {
            ScanResult result = checkins.scan(conference, movement, actor);
            scanLog.accepted(conference, scan, result, actor);
            return result;
        } catch (Rejection refused) {
            scanLog.refused(conference, scan, refused, actor);
            throw refused;
        }
    }

    /** An online redemption, applied once per nonce, like {@link #scanOnce}. */
    @Transactional
    public RedemptionResult redeemOnce(Conference conference, String accessCode, long lineItemId, String nonce,
            Actor actor) {
        if (nonce == null) {
            return logged(conference, accessCode, lineItemId, null, null, actor);
        }
        if (!claim(conference, validNonce(nonce), SyncItem.REDEEM)) {
            Number redemptionId = (Number) stored(conference, nonce).get("redemption_id");
            if (redemptionId == null) {
                throw Rejection.conflict("This nonce was used for something else").with("nonce", nonce);
            }
            Redemption redemption = redemptionRows.findById(redemptionId.longValue());
            Attendee attendee = attendees.findById(redemption.attendeeId);
            return new RedemptionResult(finder.find(conference, attendee.accessCode),
                    lineItems.findById(redemption.lineItemId), redemption, true);
        }
        RedemptionResult result = logged(conference, accessCode, lineItemId, nonce, null, actor);
        store(conference, nonce, redeemed(nonce, result));
        return result;
    }

    /** A hand-out through {@link RedemptionService#redeem}, written to the scan log whatever its outcome. */
    private RedemptionResult logged(Conference conference, String accessCode, long lineItemId, String nonce,
            Instant clientTime, Actor actor) {
        ScanLog.Scan scan = new ScanLog.Scan(ScanLogEntry.REDEEM, accessCode, null, nonce, clientTime, lineItemId,
                null);
        try {
            RedemptionResult result = redemptions.redeem(conference, accessCode, lineItemId, actor);
            scanLog.accepted(conference, scan, result.record(), actor);
            return result;
        } catch (Rejection refused) {
            scanLog.refused(conference, scan, refused, actor);
            throw refused;
        }
    }

    Map<String, Object> perform(Conference conference, SyncItem item, Actor actor) {
        try {
            return switch (item.type()) {
                case SyncItem.SCAN, SyncItem.EXIT -> scanned(item.nonce(), item.type(),
                        logged(conference, new Movement(item.accessCode(), item.station(),
                                SyncItem.EXIT.equals(item.type()) ? "exit" : "entry", item.clientTime()),
                                item.nonce(), item.clientTime(), actor));
                case SyncItem.REDEEM -> {
                    if (item.lineItemId() == null) {
                        throw Rejection.invalid("line_item_id is required for a redemption");
                    }
                    yield redeemed(item.nonce(), logged(conference, item.accessCode(), item.lineItemId(),
                            item.nonce(), item.clientTime(), actor));
                }
                default -> throw Rejection.invalid("type must be scan, exit or redeem");
            };
        } catch (Rejection rejection) {
            return refused(item.nonce(), rejection);
        }
    }

    /** The answer to an item that was refused: what the scanner would have shown had it been online. */
    public static Map<String, Object> refused(String nonce, Rejection rejection) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("nonce", nonce);
        result.put("status", "error");
        result.put("reason", rejection.reason() == null ? "invalid" : rejection.reason());
        result.put("error", rejection.getMessage());
        return result;
    }

    private static Map<String, Object> scanned(String nonce, String type, ScanResult scan) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("nonce", nonce);
        result.put("status", SyncItem.EXIT.equals(type) ? "checked_out" : "checked_in");
        result.put("checkin_id", scan.checkIn().id);
        result.put("reentry", scan.reentry());
        result.put("checked_in_at", scan.checkIn().checkedInAt.toString());
        return result;
    }

    private static Map<String, Object> redeemed(String nonce, RedemptionResult redeemed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("nonce", nonce);
        result.put("status", "redeemed");
        result.put("redemption_id", redeemed.redemption().id);
        result.put("line_item_id", redeemed.line().id);
        result.put("remaining", redeemed.line().remaining());
        return result;
    }

    /** Records the nonce; false when it was recorded before (waits for a concurrent first use to finish). */
    private boolean claim(Conference conference, String nonce, String type) {
        return em.createNativeQuery("""
                INSERT INTO sync_item (conference_id, nonce, item_type, result, received_at)
                VALUES (?1, ?2, ?3, '{}', ?4) ON CONFLICT DO NOTHING""")
                .setParameter(1, conference.id).setParameter(2, nonce).setParameter(3, type)
                .setParameter(4, Timestamps.now()).executeUpdate() == 1;
    }

    private void store(Conference conference, String nonce, Map<String, Object> result) {
        em.createNativeQuery("UPDATE sync_item SET result = ?1 WHERE conference_id = ?2 AND nonce = ?3")
                .setParameter(1, json(result)).setParameter(2, conference.id).setParameter(3, nonce)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stored(Conference conference, String nonce) {
        String result = (String) em.createNativeQuery(
                "SELECT result FROM sync_item WHERE conference_id = ?1 AND nonce = ?2")
                .setParameter(1, conference.id).setParameter(2, nonce).getSingleResult();
        try {
            return mapper.readValue(result, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String json(Map<String, Object> result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String validNonce(String nonce) {
        if (nonce == null || nonce.isBlank() || nonce.length() > MAX_NONCE_LENGTH) {
            throw Rejection.invalid("nonce is required (at most " + MAX_NONCE_LENGTH + " characters)");
        }
        return nonce;
    }

    /** Parses a device timestamp; null when absent, a 400-worthy item when malformed. */
    public static Instant clientTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant plain = plainTimestamp(value);
        if (plain != null) {
            return plain;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw Rejection.invalid("client_time must be an ISO-8601 timestamp with offset");
        }
    }

    /**
     * The shape every scanner sends ({@code 2026-06-01T08:02:11.123Z}, {@code …+02:00}), read without the general
     * ISO parser, which cost a fifth of an upload's CPU (500 timestamps each); null for anything else (then
     * {@link java.time.OffsetDateTime#parse} decides, and words its refusal).
     */
    static Instant plainTimestamp(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && Character.isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i++) - '0');
            }
            if (i == start || (i < n && Character.isDigit(s.charAt(i)))) {
                return null;
            }
            for (int d = i - start; d < 9; d++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, 2);
            int minutes = digits(s, i + 4, 2);
            if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        try {
            return java.time.LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(java.time.ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (java.time.DateTimeException outOfRange) {
            return null;
        }
    }

    /** The number written by {@code count} ASCII digits at {@code from}; -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
