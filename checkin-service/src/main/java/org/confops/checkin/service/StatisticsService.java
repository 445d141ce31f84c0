package org.confops.checkin.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Conference;

/** Live numbers for the registration desk lead; every figure is one aggregate query. */
@ApplicationScoped
public class StatisticsService {

    public record StationCount(String station, long count, Instant lastAt) {
    }

    public record RecentMovement(long checkinId, String accessCode, String name, String station, String type,
            Instant at) {
    }

    public record ProductRedemptions(String addonSlug, String description, long redeemed, long purchased) {
    }

    public record DoorCount(String product, long admitted, long refused) {
    }

    /** Refused scans (from the scan log): all, and by reason. */
    public record RefusedScans(long total, List<ScanLog.ReasonCount> byReason) {
    }

    public record Statistics(String conference, Instant generatedAt, long total, long checkedIn, BigDecimal rate,
            long today, long inside, List<StationCount> byStation, List<RecentMovement> recent,
            List<ProductRedemptions> redemptions, List<DoorCount> doorChecks, RefusedScans refusedScans) {
    }

    private static final String ADMITTED = """
            FROM attendee a JOIN customer_order o ON o.id = a.order_id
            WHERE a.conference_id = ?1 AND o.status IN ('paid', 'partially_refunded')""";

    @Inject
    EntityManager em;

    @Inject
    ScanLog scanLog;

    @Transactional
    public Statistics of(Conference conference) {
        long id = conference.id;
        long total = count("SELECT count(*) " + ADMITTED, id);
        long checkedIn = count("SELECT count(*) " + ADMITTED + " AND a.first_checked_in_at IS NOT NULL", id);
        BigDecimal rate = total == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(checkedIn).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
        ZoneId zone = zone(conference);
        Instant startOfDay = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        long today = ((Number) em.createNativeQuery("""
                SELECT count(DISTINCT attendee_id) FROM check_in
                WHERE conference_id = ?1 AND direction = 'entry' AND checked_in_at >= ?2 AND annulled_at IS NULL""")
                .setParameter(1, id).setParameter(2, startOfDay).getSingleResult()).longValue();
        long inside = count("""
                SELECT count(*) FROM (SELECT DISTINCT ON (attendee_id) direction FROM check_in
                WHERE conference_id = ?1 AND annulled_at IS NULL
                ORDER BY attendee_id, checked_in_at DESC, id DESC) latest
                WHERE direction = 'entry'""", id);
        List<ScanLog.ReasonCount> refusals = scanLog.refusalsByReason(conference);
        return new Statistics(conference.slug, Timestamps.now(), total, checkedIn, rate, today, inside,
                byStation(id), recent(id), redemptions(id), doorChecks(id),
                new RefusedScans(refusals.stream().mapToLong(ScanLog.ReasonCount::count).sum(), refusals));
    }

    private List<StationCount> byStation(long conferenceId) {
        return rows("""
                SELECT coalesce(station, ''), count(*), max(checked_in_at) FROM check_in
                WHERE conference_id = ?1 AND direction = 'entry' AND annulled_at IS NULL
                GROUP BY station ORDER BY count(*) DESC""",
                conferenceId).stream()
                .map(r -> new StationCount((String) r[0], ((Number) r[1]).longValue(), instant(r[2]))).toList();
    }

    private List<RecentMovement> recent(long conferenceId) {
        return rows("""
                SELECT c.id, a.access_code, a.name, c.station, c.direction, c.checked_in_at
                FROM check_in c JOIN attendee a ON a.id = c.attendee_id
                WHERE c.conference_id = ?1 AND c.annulled_at IS NULL
                ORDER BY c.checked_in_at DESC, c.id DESC LIMIT 50""", conferenceId)
                .stream().map(r -> new RecentMovement(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                        (String) r[3], (String) r[4], instant(r[5]))).toList();
    }

    private List<ProductRedemptions> redemptions(long conferenceId) {
        return rows("""
                SELECT li.addon_slug, min(li.description), sum(li.redeemed_count), sum(li.quantity)
                FROM line_item li JOIN customer_order o ON o.id = li.order_id
                WHERE o.conference_id = ?1 AND o.status IN ('paid', 'partially_refunded') AND li.addon_slug IS NOT NULL
                GROUP BY li.addon_slug ORDER BY li.addon_slug""", conferenceId).stream()
                .map(r -> new ProductRedemptions((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                        ((Number) r[3]).longValue())).toList();
    }

    private List<DoorCount> doorChecks(long conferenceId) {
        return rows("""
                SELECT product_slug, count(*) FILTER (WHERE admitted), count(*) FILTER (WHERE NOT admitted)
                FROM door_check WHERE conference_id = ?1 GROUP BY product_slug ORDER BY product_slug""",
                conferenceId).stream()
                .map(r -> new DoorCount((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue()))
                .toList();
    }

    private long count(String sql, long conferenceId) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, conferenceId).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, long conferenceId) {
        return em.createNativeQuery(sql).setParameter(1, conferenceId).getResultList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }

    private static ZoneId zone(Conference conference) {
        try {
            return conference.timeZone == null ? ZoneOffset.UTC : ZoneId.of(conference.timeZone);
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
