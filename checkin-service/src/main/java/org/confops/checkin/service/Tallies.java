package org.confops.checkin.service;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.confops.platform.sql.SetBasedSql;

import io.quarkus.scheduler.Scheduled;

/**
 * Counts behind the live statistics, changed in the transaction of each movement: entries by station and
 * 15-minute slot, door checks by product, refused scans by reason — each by ticket type. A change is an appended
 * +1/−1 row, so concurrent scanners never wait on a shared counter row; {@link #fold} moves them into the totals
 * every second, and readers sum both in one statement.
 */
@ApplicationScoped
public class Tallies {

    public static final String ENTRIES = "entries";
    public static final String DOOR_ADMITTED = "door_admitted";
    public static final String DOOR_REFUSED = "door_refused";
    public static final String REFUSED = "refused";
    /** The bucket of counts that have no time axis. */
    public static final Instant UNDATED = Instant.EPOCH;
    static final long SLOT_MINUTES = 15;

    @Inject
    EntityManager em;

    @Inject
    Event<StatisticsService.Changed> changed;

    /** The start of the 15-minute slot (UTC-aligned) holding {@code at}. */
    public static Instant slot(Instant at) {
        long minutes = at.getEpochSecond() / 60;
        return Instant.ofEpochSecond((minutes - Math.floorMod(minutes, SLOT_MINUTES)) * 60);
    }

    /** The ticket type slug movements of an order's attendee are counted under: its first ticket line's. */
    public String ticketTypeOf(Long orderId) {
        if (orderId == null) {
            return "";
        }
        return (String) em.createNativeQuery("SELECT attendee_ticket_type(?1)").setParameter(1, orderId)
                .getSingleResult();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(long conferenceId, String metric, String ticketType, String dimension, Instant bucket, long by) {
        // Plain JDBC on the transaction's connection: a native query through Hibernate flushed the whole
        // persistence context first (it cannot know which tables the SQL touches), a third of a scan's Hibernate time.
        SetBasedSql.withoutFlush(em, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO tally_delta (conference_id, metric, ticket_type, dimension, bucket, value)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setLong(1, conferenceId);
                insert.setString(2, metric);
                insert.setString(3, ticketType == null ? "" : ticketType);
                insert.setString(4, dimension == null ? "" : dimension);
                insert.setTimestamp(5, Timestamp.from(bucket));
                insert.setLong(6, by);
                return insert.executeUpdate();
            }
        });
        touched(conferenceId);
    }

    /** Tells this instance's statistics, once the transaction commits, that the conference's numbers moved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touched(long conferenceId) {
        changed.fire(new StatisticsService.Changed(conferenceId));
    }

    /**
     * Moves every appended change into the totals. Two instances folding at once is safe: a row is deleted (and
     * so added) by one of them only.
     */
    @Scheduled(every = "${checkin.stats.fold-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void fold() {
        em.createNativeQuery("""
                WITH moved AS (DELETE FROM tally_delta RETURNING conference_id, metric, ticket_type, dimension,
                                 bucket, value)
                INSERT INTO tally (conference_id, metric, ticket_type, dimension, bucket, value)
                SELECT conference_id, metric, ticket_type, dimension, bucket, sum(value) FROM moved
                GROUP BY conference_id, metric, ticket_type, dimension, bucket
                ON CONFLICT (conference_id, metric, ticket_type, dimension, bucket)
                DO UPDATE SET value = tally.value + EXCLUDED.value""").executeUpdate();
    }
}
