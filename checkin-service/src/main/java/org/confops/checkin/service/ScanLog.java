package org.confops.checkin.service;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.domain.ScanLogEntry;
import org.confops.checkin.repository.AttendeeRepository;
import org.confops.checkin.repository.ScanLogRepository;
import org.confops.platform.errors.Rejection;
import org.confops.platform.paging.Page;
import org.confops.platform.paging.Paging;
import org.confops.platform.security.Actor;

/**
 * The desk's history: every scan — entry, exit, hand-out of a product, door check — admitted or refused. An
 * admitted one is logged in the transaction that records it; a refused one in a transaction of its own, because
 * the refusal rolls the caller's back (so it changes nothing else, and its resend is judged afresh) while its
 * trace must stay.
 */
@ApplicationScoped
public class ScanLog {

    /**
     * What the scanner sent: the type ({@code entry}, {@code exit}, {@code redeem}, {@code door_check}), the code,
     * the device's nonce and clock, and for a hand-out the line item, for a door check the product.
     */
    public record Scan(String type, String accessCode, String station, String nonce, Instant clientTime,
            Long lineItemId, String product) {

        public static Scan movement(String direction, String accessCode, String station, String nonce,
                Instant clientTime) {
            return new Scan(ScanLogEntry.EXIT.equals(direction) ? ScanLogEntry.EXIT : ScanLogEntry.ENTRY, accessCode,
                    station, nonce, clientTime, null, null);
        }
    }

    /** A history entry as the API shows it; {@code annulled} when its check-in was undone since. */
    public record Entry(long id, String type, String result, String reason, String error, String accessCode,
            Long attendeeId, String name, String station, Actor actor, String nonce, Instant clientTime,
            Instant serverTime, Long checkinId, Long lineItemId, String product, boolean annulled) {
    }

    /** History filters; null = any. */
    public record Filter(String result, String reason, String station, Instant since, String accessCode,
            String type) {

        public static Filter of(String result, String reason, String station, String since, String accessCode,
                String type) {
            String wanted = blankToNull(result);
            if (wanted != null && !RESULTS.contains(wanted)) {
                throw Rejection.invalid("result must be accepted or refused").with("field", "result");
            }
            String kind = blankToNull(type);
            if (kind != null && !TYPES.contains(kind)) {
                throw Rejection.invalid("type must be entry, exit, redeem or door_check").with("field", "type");
            }
            return new Filter(wanted, blankToNull(reason), blankToNull(station), instant(since),
                    blankToNull(accessCode), kind);
        }

        private static Instant instant(String since) {
            String value = blankToNull(since);
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw Rejection.invalid("since must be an ISO-8601 timestamp with offset, e.g. 2027-06-01T08:00:00Z")
                        .with("field", "since");
            }
        }
    }

    public record ReasonCount(String reason, long count) {
    }

    static final Set<String> RESULTS = Set.of(ScanLogEntry.ACCEPTED, ScanLogEntry.REFUSED);
    static final Set<String> TYPES = Set.of(ScanLogEntry.ENTRY, ScanLogEntry.EXIT, ScanLogEntry.REDEEM,
            ScanLogEntry.DOOR_CHECK);
    private static final int MAX_TEXT = 200;

    @Inject
    ScanLogRepository entries;

    @Inject
    AttendeeRepository attendees;

    @Inject
    EntityManager em;

    @Inject
    DoorMetrics metrics;

    @Inject
    Tallies tallies;

    /** An admitted entry or exit, in the transaction that recorded its check-in. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accepted(Conference conference, Scan scan, ScanResult result, Actor actor) {
        ScanLogEntry entry = accepted(conference, scan, result.record().attendee(), actor);
        entry.scanType = result.checkIn().direction;
        entry.station = result.checkIn().station;
        entry.checkinId = result.checkIn().id;
        entries.append(entry);
        metrics.scanned(conference.slug, entry.scanType, entry.result, null);
    }

    /** An admitted hand-out or door check, in the transaction that recorded it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accepted(Conference conference, Scan scan, AttendeeRecord record, Actor actor) {
        ScanLogEntry entry = accepted(conference, scan, record.attendee(), actor);
        entries.append(entry);
        metrics.scanned(conference.slug, entry.scanType, entry.result, null);
    }

    private static ScanLogEntry accepted(Conference conference, Scan scan, Attendee attendee, Actor actor) {
        ScanLogEntry entry = entry(conference, scan, actor);
        entry.result = ScanLogEntry.ACCEPTED;
        entry.attendeeId = attendee.id;
        entry.accessCode = attendee.accessCode;
        return entry;
    }

    /** A refused scan, committed on its own whatever becomes of the caller's transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(Conference conference, Scan scan, Rejection rejection, Actor actor) {
        ScanLogEntry entry = entry(conference, scan, actor);
        entry.result = ScanLogEntry.REFUSED;
        entry.reason = rejection.reason() == null ? "invalid" : rejection.reason();
        entry.message = clip(rejection.getMessage());
        String ticketType = "";
        if (entry.accessCode != null) {
            Attendee attendee = attendees.findByCode(conference.id, entry.accessCode).orElse(null);
            if (attendee != null) {
                entry.attendeeId = attendee.id;
                ticketType = tallies.ticketTypeOf(attendee.orderId);
            }
        }
        entries.append(entry);
        tallies.add(conference.id, Tallies.REFUSED, ticketType, entry.reason, Tallies.UNDATED, 1);
        metrics.scanned(conference.slug, entry.scanType, entry.result, entry.reason);
    }

    private static ScanLogEntry entry(Conference conference, Scan scan, Actor actor) {
        ScanLogEntry entry = new ScanLogEntry();
        entry.conferenceId = conference.id;
        entry.scanType = scan.type();
        entry.accessCode = clip(scan.accessCode() == null ? null : SignedBadge.accessCodeForLog(scan.accessCode().trim()));
        entry.station = clip(scan.station() == null || scan.station().isBlank() ? null : scan.station().trim());
        entry.nonce = clip(scan.nonce());
        entry.clientTime = scan.clientTime();
        entry.lineItemId = scan.lineItemId();
        entry.product = clip(scan.product() == null || scan.product().isBlank() ? null : scan.product().trim());
        entry.serverTime = Timestamps.now();
        entry.actorSubject = actor.subject();
        entry.actorName = actor.name();
        return entry;
    }

    /** Newest first. */
    @Transactional
    public Page<Entry> history(Conference conference, Filter filter, Paging paging) {
        StringBuilder where = new StringBuilder(" FROM scan_log s LEFT JOIN attendee a ON a.id = s.attendee_id"
                + " LEFT JOIN check_in c ON c.id = s.checkin_id WHERE s.conference_id = ?1");
        List<Object> parameters = new ArrayList<>(List.of(conference.id));
        condition(where, parameters, "s.result", filter.result());
        condition(where, parameters, "s.reason", filter.reason());
        condition(where, parameters, "s.station", filter.station());
        condition(where, parameters, "s.access_code", filter.accessCode());
        condition(where, parameters, "s.scan_type", filter.type());
        if (filter.since() != null) {
            parameters.add(filter.since());
            where.append(" AND s.server_time >= ?").append(parameters.size());
        }
        long total = ((Number) bind(em.createNativeQuery("SELECT count(*)" + where), parameters).getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery("""
                SELECT s.id, s.scan_type, s.result, s.reason, s.message, s.access_code, s.attendee_id, a.name,
                  s.station, s.actor_subject, s.actor_name, s.nonce, s.client_time, s.server_time, s.checkin_id,
                  s.line_item_id, s.product, c.annulled_at IS NOT NULL""" + where + " ORDER BY s.server_time DESC, s.id DESC"), parameters)
                .setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList();
        List<Entry> items = rows.stream().map(r -> new Entry(number(r[0]), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], nullableNumber(r[6]), (String) r[7], (String) r[8],
                new Actor((String) r[9], (String) r[10]), (String) r[11], instant(r[12]), instant(r[13]),
                nullableNumber(r[14]), nullableNumber(r[15]), (String) r[16], Boolean.TRUE.equals(r[17]))).toList();
        return new Page<>(items, paging.page(), paging.size(), total);
    }

    /** Refused scans by reason, most frequent first. */
    @Transactional
    public List<ReasonCount> refusalsByReason(Conference conference) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT reason, count(*) FROM scan_log WHERE conference_id = ?1 AND result = 'refused'
                GROUP BY reason ORDER BY count(*) DESC, reason""").setParameter(1, conference.id).getResultList();
        return rows.stream().map(r -> new ReasonCount((String) r[0], number(r[1]))).toList();
    }

    private static void condition(StringBuilder where, List<Object> parameters, String column, String value) {
        if (value != null) {
            parameters.add(value);
            where.append(" AND ").append(column).append(" = ?").append(parameters.size());
        }
    }

    private static Query bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
    }

    private static long number(Object value) {
        return value instanceof BigInteger big ? big.longValueExact() : ((Number) value).longValue();
    }

    private static Long nullableNumber(Object value) {
        return value == null ? null : number(value);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }
}
