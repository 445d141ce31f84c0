package org.confops.platform.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.confops.platform.events.EventProducer;
import org.confops.platform.events.EventSource;
import org.confops.platform.events.EventTracing;
import org.confops.platform.sql.SetBasedSql;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents (binary mode), oldest first, and deletes them once the
 * broker has acknowledged them (or marks them published, where {@code confops.outbox.retention} keeps them).
 * <p>
 * One relay is active per service across all its instances: the one holding a PostgreSQL session advisory lock on
 * its own connection (released by PostgreSQL if that instance dies). The relay LISTENs on that connection, so a
 * commit anywhere wakes it at once; the poll interval is only the fallback. A crash between send and delete resends
 * the batch: delivery is at-least-once, and consumers deduplicate on the event id. Any failure (database restart,
 * broker unavailable) drops the connection and starts over after a pause: the relay never stops for good.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Per database, so the same number serves every service. */
    static final long RELAY_LOCK = 7463001L;

    /** The longest a standby waits before trying the lock again. */
    static final Duration STANDBY_RETRY = Duration.ofSeconds(1);

    /** How often the backlog gauges are measured: not at every pass (a busy door starts hundreds a second). */
    private static final Duration MEASURE_EVERY = Duration.ofSeconds(1);

    /**
     * How far below the last id it sent a pass starts reading: far enough for the rows of transactions that took
     * their ids before that row and committed after it was read (those of the last seconds at the door's rate).
     * Reading from the start would step over every row deleted since the last vacuum, at every pass.
     */
    static final long OVERLAP = 10_000;

    /** How often a pass reads from the start all the same, for a row whose transaction outlasted the overlap. */
    static final Duration FULL_PASS_EVERY = Duration.ofSeconds(1);

    /** The longest one wait for notifications lasts before the relay looks whether it was stopped. */
    private static final Duration WAIT_SLICE = Duration.ofMillis(250);

    public enum Role { STARTING, LEADER, STANDBY, DISCONNECTED, STOPPED }

    @Inject
    OutboxConfig config;

    @Inject
    EventSource source;

    @Inject
    EventProducer producer;

    @Inject
    EventTracing tracing;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private volatile Role role = Role.STARTING;
    private volatile String lastError;
    private volatile Instant disconnectedSince;
    private volatile Instant lastPurge = Instant.EPOCH;
    private long lastMeasured = System.nanoTime() - MEASURE_EVERY.toNanos();
    /** The highest id this relay has sent since it took the lead (0: read from the start). */
    private long lastSent;
    private long lastFullPass;
    private boolean lastPassFromStart = true;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnpublishedMillis = new AtomicLong();

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void registerGauges() {
        Gauge.builder("confops.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet published").register(registry);
        Gauge.builder("confops.outbox.oldest.unpublished", oldestUnpublishedMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest unpublished outbox row").baseUnit("seconds").register(registry);
    }
    private Thread thread;

    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            role = Role.STOPPED;
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        role = Role.STOPPED;
    }

    public Role role() {
        return role;
    }

    public String lastError() {
        return lastError;
    }

    /** Since when the relay has had no database connection (null while it has one). */
    public Instant disconnectedSince() {
        return disconnectedSince;
    }

    private void run() {
        long pause = 200;
        while (running) {
            try (Connection connection = connect()) {
                role = Role.STANDBY;
                lastError = null;
                disconnectedSince = null;
                pause = 200;
                serve(connection);
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                role = Role.DISCONNECTED;
                if (disconnectedSince == null) {
                    disconnectedSince = Instant.now();
                }
                lastError = e.getMessage();
                Log.warnf("Outbox relay will reconnect in %d ms: %s", pause, e.getMessage());
                sleep(pause);
                pause = Math.min(pause * 2, 5_000);
            }
        }
    }

    private void serve(Connection connection) throws Exception {
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + Outbox.CHANNEL);
        }
        try (Remover remover = new Remover()) {
            while (running) {
                if (role != Role.LEADER && tryLead(connection)) {
                    role = Role.LEADER;
                    lastSent = 0;
                    Log.infof("Outbox relay is active on this instance");
                }
                long passStarted = System.nanoTime();
                if (role == Role.LEADER) {
                    publishAll(connection, remover);
                    purgeIfDue(connection);
                }
                measureBacklog(connection);
                awaitNotification(connection);
                if (role == Role.LEADER) {
                    gather(passStarted);
                }
            }
        }
    }

    /**
     * Publishes until the outbox is empty. The broker being away is no reason to give up the database connection
     * (or the lead): the rows wait in the outbox, and the relay tries again after a pause growing to 5 s.
     * <p>
     * Deleting a sent batch runs on a connection of its own while the next batch is read and sent; reading on from
     * the last id sent keeps rows whose delete is still pending out of the next batch. A row that commits late with
     * a lower id is read at the next pass, which the commit's notification starts: a pass reads from
     * {@link #OVERLAP} ids below the last one sent, and from the start at least every {@link #FULL_PASS_EVERY}.
     */
    private void publishAll(Connection connection, Remover remover) throws SQLException {
        long pause = 200;
        boolean fromStart = lastSent == 0 || System.nanoTime() - lastFullPass >= FULL_PASS_EVERY.toNanos();
        if (fromStart) {
            lastFullPass = System.nanoTime();
        }
        long from = fromStart ? 0 : Math.max(0, lastSent - OVERLAP);
        lastPassFromStart = fromStart;
        long after = from;
        boolean committedMeanwhile = false;
        while (running) {
            try {
                List<Row> sent = publishBatch(connection, after);
                if (!sent.isEmpty()) {
                    remover.remove(sent.stream().map(Row::id).toList());
                    after = sent.get(sent.size() - 1).id();
                    lastSent = Math.max(lastSent, after);
                }
                if (sent.size() < config.batchSize()) {
                    remover.awaitRemoved();
                    if (committedMeanwhile) {
                        // a commit during this pass may have written rows below the last id sent: once more,
                        // from where this pass started
                        after = from;
                        committedMeanwhile = false;
                        continue;
                    }
                    lastError = null;
                    return;
                }
                committedMeanwhile |= drainNotifications(connection);
                pause = 200;
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                lastError = e.getMessage();
                Log.warnf("Outbox relay could not publish, will retry in %d ms: %s", pause, e.getMessage());
                sleep(pause);
                pause = Math.min(pause * 2, 5_000);
            }
        }
        remover.awaitRemoved();
    }

    /**
     * Deletes (or marks) sent rows on a connection and thread of its own (opened at the first batch, kept for the
     * relay's session), one batch at a time, in order.
     */
    private final class Remover implements AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor(work -> {
            Thread remover = new Thread(work, "outbox-relay-remover");
            remover.setDaemon(true);
            return remover;
        });
        private Connection connection;
        private Future<?> pending;

        /** Starts deleting {@code ids} once the previous batch is deleted. */
        void remove(List<Long> ids) throws SQLException {
            awaitRemoved();
            pending = thread.submit(() -> {
                if (connection == null) {
                    connection = connect();
                }
                removePublished(connection, ids);
                return null;
            });
        }

        /** Waits for the pending delete; its failure (the database away) ends this pass like any SQL failure. */
        void awaitRemoved() throws SQLException {
            if (pending == null) {
                return;
            }
            try {
                pending.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while deleting published rows", e);
            } finally {
                pending = null;
            }
        }

        @Override
        public void close() {
            thread.submit(() -> {
                if (connection != null) {
                    connection.close();
                }
                return null;
            });
            thread.shutdown();
        }
    }

    /** A connection of the relay's own, set up as the relay uses it (package-private for its test). */
    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, username.orElse(null), password.orElse(null));
        connection.setAutoCommit(true);
        // Deleting published rows need not wait for the WAL flush: a delete lost in a database crash only resends
        // those rows, which consumers skip by event id (delivery is at-least-once anyway).
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET synchronous_commit TO off");
            // Deleted rows stay in the partial index of unpublished rows until a vacuum, which may be a
            // minute away (or never, where autovacuum is off). A bitmap scan visits the table for every one of
            // them at every pass (10 ms with 65 000, for a batch of 3); an index scan visits each once, marks
            // it dead in the index, and later passes skip it (0.3 ms).
            settings.execute("SET enable_bitmapscan TO off");
            // A plan made while the outbox was empty reads the whole table, and the connection keeps it: nothing
            // re-plans it until an ANALYZE. Meanwhile every deleted row stays in the table until a vacuum, so each
            // pass and each delete scanned all of them (at 250 scans a second: 0.6 of a core, two thirds of the
            // database's work at the door). Every statement of the relay has an index to use; the purge, which
            // has none, still reads the table, once a minute.
            settings.execute("SET enable_seqscan TO off");
            // That makes the purge's sequential scan look enormously expensive, and a plan that expensive would
            // be compiled with LLVM (a 22 ms purge took 104 ms): none of the relay's statements gains from JIT.
            settings.execute("SET jit TO off");
        }
        return connection;
    }

    private static boolean tryLead(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Publishes the oldest unpublished rows after id {@code after}; returns them (sent, not yet deleted). */
    private List<Row> publishBatch(Connection connection, long after) throws SQLException {
        List<Row> batch = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, event_id, topic, record_key, event_type, subject, payload, occurred_at, traceparent
                FROM outbox_event WHERE published_at IS NULL AND id > ? ORDER BY id LIMIT ?""")) {
            select.setLong(1, after);
            select.setInt(2, config.batchSize());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batch.add(new Row(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getTimestamp(8).toInstant(), rows.getString(9)));
                }
            }
        }
        if (batch.isEmpty()) {
            return batch;
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>(batch.size());
        List<EventTracing.Traced> traced = new ArrayList<>(batch.size());
        for (Row row : batch) {
            ProducerRecord<String, String> record = producer.cloudEvent(row.topic(), row.key(), row.eventId(),
                    row.type(), row.subject(), row.occurredAt(), row.payload());
            records.add(record);
            traced.add(new EventTracing.Traced(row.topic(), row.traceparent(), row.type(), record.headers()));
        }
        var spans = tracing.publishing(traced);
        try {
            // Sent in order and awaited together: the idempotent producer keeps per-partition order.
            producer.sendAll(records, config.sendTimeout());
        } catch (RuntimeException e) {
            tracing.end(spans, e);
            throw e;
        }
        tracing.end(spans, null);
        batch.stream().collect(java.util.stream.Collectors.groupingBy(Row::topic, java.util.stream.Collectors.counting()))
                .forEach((topic, count) -> Counter.builder("confops.outbox.published")
                        .description("Events the relay published").tag("topic", topic).register(registry)
                        .increment(count));
        return batch;
    }

    /**
     * A published row is deleted unless published rows are kept ({@code confops.outbox.retention}): a mark is an
     * UPDATE, which copies the whole row (its payload too) and adds an entry to every index, eight times the work
     * and twice the WAL of a delete.
     */
    private void removePublished(Connection connection, List<Long> ids) throws SQLException {
        boolean keep = !config.retention().isZero();
        try (PreparedStatement remove = connection.prepareStatement(keep
                ? "UPDATE outbox_event SET published_at = now() WHERE id = ANY(?)"
                : "DELETE FROM outbox_event WHERE id = ANY(?)")) {
            remove.setArray(1, SetBasedSql.array(connection, "bigint", ids.toArray()));
            remove.executeUpdate();
        }
    }

    /** Every instance measures, so the numbers are there whichever instance Prometheus asks. */
    private void measureBacklog(Connection connection) throws SQLException {
        if (System.nanoTime() - lastMeasured < MEASURE_EVERY.toNanos()) {
            return;
        }
        lastMeasured = System.nanoTime();
        try (Statement measure = connection.createStatement();
                ResultSet result = measure.executeQuery("""
                        SELECT count(*), coalesce(extract(epoch FROM now() - min(occurred_at)) * 1000, 0)
                        FROM outbox_event WHERE published_at IS NULL""")) {
            result.next();
            backlog.set(result.getLong(1));
            oldestUnpublishedMillis.set(Math.max(0, result.getLong(2)));
        }
    }

    /** Rows marked published, once past their retention (rows of an earlier relay that always marked them too). */
    private void purgeIfDue(Connection connection) throws SQLException {
        Instant now = Instant.now();
        if (lastPurge.plus(config.purgeInterval()).isAfter(now)) {
            return;
        }
        lastPurge = now;
        try (PreparedStatement purge = connection.prepareStatement(
                "DELETE FROM outbox_event WHERE published_at < ?")) {
            purge.setTimestamp(1, Timestamp.from(now.minus(config.retention())));
            int purged = purge.executeUpdate();
            if (purged > 0) {
                Log.debugf("Purged %d published outbox rows", purged);
            }
        }
    }

    /**
     * Returns at the first notification or when the wait is up; either way the caller looks again. A standby waits
     * at most {@link #STANDBY_RETRY} before trying the lock again, so it takes over within a second of the active
     * relay's end, however long the poll interval. The wait is sliced so that a stopped relay ends (and releases
     * the lock) promptly rather than at its next notification.
     */
    private void awaitNotification(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        // a standby tries the lock again soon; a leader whose last pass did not read from the start makes one that does
        Duration wait = role == Role.LEADER && lastPassFromStart ? config.pollInterval()
                : min(config.pollInterval(), role == Role.LEADER ? FULL_PASS_EVERY : STANDBY_RETRY);
        long deadline = System.nanoTime() + wait.toNanos();
        while (running) {
            long left = Math.min(deadline - System.nanoTime(), WAIT_SLICE.toNanos());
            if (left <= 0) {
                return;
            }
            var notifications = pg.getNotifications((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            if (notifications != null && notifications.length > 0) {
                return;
            }
        }
    }

    /** Lets the commits of the rest of {@code confops.outbox.gather} since the pass started join the next one. */
    private void gather(long passStarted) {
        long rest = config.gather().toNanos() - (System.nanoTime() - passStarted);
        if (rest > 0 && running) {
            sleep(TimeUnit.NANOSECONDS.toMillis(rest) + 1);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Whether any commit notification had arrived. */
    private static boolean drainNotifications(Connection connection) throws SQLException {
        org.postgresql.PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications();
        return notifications != null && notifications.length > 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long id, String eventId, String topic, String key, String type, String subject,
            String payload, Instant occurredAt, String traceparent) {
    }
}
