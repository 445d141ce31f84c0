package org.confops.checkin.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.confops.checkin.config.StatisticsConfig;
import org.confops.checkin.domain.Conference;

import io.quarkus.logging.Log;

/**
 * Live numbers for the registration desk lead and the organizers' dashboard. Every viewer of a conference (and
 * ticket type) shares one snapshot, recomputed in the background at most once per
 * {@code checkin.stats.min-interval} and whenever it is older than {@code max-age}; so ten dashboards, a hundred
 * scanners' footers and the stream cost what one does, and none of them waits for a computation. A snapshot is cheap anyway: what would need every movement (inside, today, entries by station and
 * 15-minute slot, door checks, refusals) is kept up to date with each movement (the attendee's own columns and
 * {@link Tallies}), so it reads one row per attendee and a few hundred counts, never the movements.
 */
@ApplicationScoped
public class StatisticsService {

    public record StationCount(String station, long count, Instant lastAt) {
    }

    /** Entries at a station in the 15 minutes from {@code slot}. */
    public record Arrivals(Instant slot, String station, long count) {
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

    public record Statistics(String conference, String ticketType, Instant generatedAt, long total, long checkedIn,
            BigDecimal rate, long today, long inside, List<StationCount> byStation, List<Arrivals> arrivals,
            List<RecentMovement> recent, List<ProductRedemptions> redemptions, List<DoorCount> doorChecks,
            RefusedScans refusedScans) {

        /** Whether the figures are the same as {@code other}'s, whenever each was computed. */
        boolean sameFigures(Statistics other) {
            return other != null && equals(new Statistics(other.conference, other.ticketType, generatedAt, other.total,
                    other.checkedIn, other.rate, other.today, other.inside, other.byStation, other.arrivals,
                    other.recent, other.redemptions, other.doorChecks, other.refusedScans));
        }
    }

    /** A movement committed through this instance (fired by {@link Tallies}). */
    public record Changed(long conferenceId) {
    }

    private record Key(long conferenceId, String ticketType) {
    }

    /**
     * One key's snapshot. A viewer never waits for a recomputation once there is a snapshot: a stale one is
     * answered while one worker computes the next (at most once per {@code min-interval}). With
     * {@code min-interval} 0 (tests) a viewer waits for a snapshot that includes this instance's own changes.
     */
    private final class Slot {
        private volatile Statistics snapshot;
        private volatile long computedAt;
        private volatile long seenChanges = -1;
        private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

        Statistics get(Conference conference, String ticketType) {
            Statistics current = snapshot;
            if (current != null && !stale(conference)) {
                return current;
            }
            if (current != null && !config.minInterval().isZero()) {
                refreshLater(conference, ticketType);
                return current;
            }
            synchronized (this) {
                if (snapshot == null || stale(conference)) {
                    refresh(conference, ticketType);
                }
                return snapshot;
            }
        }

        private boolean stale(Conference conference) {
            return changes(conference.id).get() != seenChanges
                    || System.nanoTime() - computedAt >= config.maxAge().toNanos();
        }

        private void refreshLater(Conference conference, String ticketType) {
            if (!refreshing.compareAndSet(false, true)) {
                return;
            }
            long wait = Math.max(0, computedAt + config.minInterval().toNanos() - System.nanoTime());
            try {
                schedule(conference, ticketType, wait);
            } catch (RuntimeException e) {
                refreshing.set(false);
                throw e;
            }
        }

        private void schedule(Conference conference, String ticketType, long wait) {
            refresher.schedule(() -> {
                try {
                    synchronized (this) {
                        refresh(conference, ticketType);
                    }
                } catch (RuntimeException e) {
                    Log.warnf("Statistics of conference %d not refreshed: %s", conference.id, e.getMessage());
                } finally {
                    refreshing.set(false);
                }
            }, wait, TimeUnit.NANOSECONDS);
        }

        private void refresh(Conference conference, String ticketType) {
            seenChanges = changes(conference.id).get();
            Statistics fresh = self.compute(conference, ticketType);
            // unchanged figures keep their snapshot (and its generated_at): the stream sends only what is new
            if (!fresh.sameFigures(snapshot)) {
                snapshot = fresh;
            }
            computedAt = System.nanoTime();
        }
    }

    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    /** Its own thread: a computation reads the database, which an event-loop timer must not do. */
    private final java.util.concurrent.ScheduledExecutorService refresher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "statistics-refresh");
                thread.setDaemon(true);
                return thread;
            });
    private final Map<Long, AtomicLong> changes = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    @Inject
    StatisticsConfig config;

    @Inject
    StatisticsService self;

    /** The shared snapshot; {@code ticketType} (a slug) narrows every figure to that ticket type's attendees. */
    public Statistics of(Conference conference, String ticketType) {
        String filter = ticketType == null || ticketType.isBlank() ? null : ticketType.trim();
        return slots.computeIfAbsent(new Key(conference.id, filter), key -> new Slot()).get(conference, filter);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed change) {
        changes(change.conferenceId()).incrementAndGet();
    }

    private AtomicLong changes(long conferenceId) {
        return changes.computeIfAbsent(conferenceId, id -> new AtomicLong());
    }

    /** A fresh snapshot, read in one repeatable-read transaction so its figures agree with each other. */
    @Transactional
    public Statistics compute(Conference conference, String ticketType) {
        em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").executeUpdate();
        long id = conference.id;
        ZoneId zone = zone(conference);
        Instant startOfDay = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        Object[] people = (Object[]) em.createNativeQuery("""
                SELECT count(*) FILTER (WHERE o.status IN ('paid', 'partially_refunded')),
                  count(*) FILTER (WHERE o.status IN ('paid', 'partially_refunded') AND a.first_checked_in_at IS NOT NULL),
                  count(*) FILTER (WHERE a.last_entry_at >= ?2),
                  count(*) FILTER (WHERE a.inside)
                FROM attendee a LEFT JOIN customer_order o ON o.id = a.order_id
                WHERE a.conference_id = ?1
                  AND (CAST(?3 AS TEXT) IS NULL OR attendee_ticket_type(a.order_id) = ?3)""")
                .setParameter(1, id).setParameter(2, startOfDay).setParameter(3, ticketType).getSingleResult();
        long total = number(people[0]);
        long checkedIn = number(people[1]);
        BigDecimal rate = total == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(checkedIn).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);

        Map<String, Long> byStation = new LinkedHashMap<>();
        List<Arrivals> arrivals = new ArrayList<>();
        Map<String, long[]> doors = new java.util.TreeMap<>();
        List<ScanLog.ReasonCount> refusals = new ArrayList<>();
        for (Object[] r : rows("""
                SELECT metric, dimension, bucket, sum(value) FROM (
                  SELECT metric, dimension, bucket, value FROM tally
                  WHERE conference_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR ticket_type = ?2)
                  UNION ALL
                  SELECT metric, dimension, bucket, value FROM tally_delta
                  WHERE conference_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR ticket_type = ?2)) t
                GROUP BY metric, dimension, bucket HAVING sum(value) <> 0
                ORDER BY metric, bucket, dimension""", id, ticketType)) {
            String metric = (String) r[0];
            String dimension = (String) r[1];
            long count = number(r[3]);
            switch (metric) {
                case Tallies.ENTRIES -> {
                    arrivals.add(new Arrivals(Timestamps.instant(r[2]), dimension, count));
                    byStation.merge(dimension, count, Long::sum);
                }
                case Tallies.DOOR_ADMITTED -> doors.computeIfAbsent(dimension, p -> new long[2])[0] += count;
                case Tallies.DOOR_REFUSED -> doors.computeIfAbsent(dimension, p -> new long[2])[1] += count;
                case Tallies.REFUSED -> refusals.add(new ScanLog.ReasonCount(dimension, count));
                default -> {
                }
            }
        }
        refusals.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
                : a.reason().compareTo(b.reason()));
        List<StationCount> stations = byStation.entrySet().stream()
                .map(e -> new StationCount(e.getKey(), e.getValue(), lastEntry(id, e.getKey(), ticketType)))
                .sorted((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
                        : a.station().compareTo(b.station()))
                .toList();
        return new Statistics(conference.slug, ticketType, Timestamps.now(), total, checkedIn, rate, number(people[2]),
                number(people[3]), stations, arrivals, recent(id, ticketType), redemptions(id, ticketType),
                doors.entrySet().stream().map(e -> new DoorCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                        .toList(),
                new RefusedScans(refusals.stream().mapToLong(ScanLog.ReasonCount::count).sum(), refusals));
    }

    /** The station's latest entry that counts, from the end of its index. */
    private Instant lastEntry(long conferenceId, String station, String ticketType) {
        List<Object[]> latest = rows("""
                SELECT c.checked_in_at, 1 FROM check_in c
                WHERE c.conference_id = ?1 AND c.direction = 'entry' AND c.annulled_at IS NULL
                  AND (c.station = ?3 OR (CAST(?3 AS TEXT) IS NULL AND c.station IS NULL))
                  AND (CAST(?2 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM attendee a
                       WHERE a.id = c.attendee_id AND attendee_ticket_type(a.order_id) = ?2))
                ORDER BY c.checked_in_at DESC LIMIT 1""", conferenceId, ticketType, station.isEmpty() ? null : station);
        return latest.isEmpty() ? null : Timestamps.instant(latest.get(0)[0]);
    }

    private List<RecentMovement> recent(long conferenceId, String ticketType) {
        return rows("""
                SELECT c.id, a.access_code, a.name, c.station, c.direction, c.checked_in_at
                FROM check_in c JOIN attendee a ON a.id = c.attendee_id
                WHERE c.conference_id = ?1 AND c.annulled_at IS NULL
                  AND (CAST(?2 AS TEXT) IS NULL OR attendee_ticket_type(a.order_id) = ?2)
                ORDER BY c.checked_in_at DESC, c.id DESC LIMIT 50""", conferenceId, ticketType)
                .stream().map(r -> new RecentMovement(number(r[0]), (String) r[1], (String) r[2],
                        (String) r[3], (String) r[4], Timestamps.instant(r[5]))).toList();
    }

    private List<ProductRedemptions> redemptions(long conferenceId, String ticketType) {
        return rows("""
                SELECT li.addon_slug, min(li.description), sum(li.redeemed_count), sum(li.quantity)
                FROM line_item li JOIN customer_order o ON o.id = li.order_id
                WHERE o.conference_id = ?1 AND o.status IN ('paid', 'partially_refunded') AND li.addon_slug IS NOT NULL
                  AND (CAST(?2 AS TEXT) IS NULL OR attendee_ticket_type(o.id) = ?2)
                GROUP BY li.addon_slug ORDER BY li.addon_slug""", conferenceId, ticketType).stream()
                .map(r -> new ProductRedemptions((String) r[0], (String) r[1], number(r[2]), number(r[3]))).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getResultList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static ZoneId zone(Conference conference) {
        try {
            return conference.timeZone == null ? ZoneOffset.UTC : ZoneId.of(conference.timeZone);
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
