package org.confops.platform.outbox;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.confops.platform.events.EventTracing;
import org.confops.platform.sql.SetBasedSql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes events into the service's {@code outbox_event} table inside the caller's transaction, so an event
 * exists exactly when its change committed. At commit PostgreSQL notifies the relay (on any instance), which
 * publishes at once.
 */
@ApplicationScoped
public class Outbox {

    /** The PostgreSQL notification channel the relay listens on. */
    static final String CHANNEL = "confops_outbox";
    private static final String INSERT_AND_NOTIFY = """
            WITH added AS (
              INSERT INTO outbox_event (event_id, topic, record_key, event_type, subject, payload, occurred_at,
                  traceparent)
              SELECT gen_random_uuid(), ?, e.record_key, ?, e.subject, e.payload, ?, ?
              FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS e(record_key, subject, payload, n)
              ORDER BY e.n
              RETURNING 1)
            SELECT pg_notify('%s', '') FROM (SELECT 1 FROM added LIMIT 1) AS any_added""".formatted(CHANNEL);

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Inject
    EventTracing tracing;

    /** One event: keyed by its aggregate's id (Kafka partitioning keeps one aggregate's events in order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, String type, Object data) {
        add(topic, key, type, null, data);
    }

    /** One event with a CloudEvents {@code subject} (e.g. the access code it is about). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, String type, String subject, Object data) {
        // No flush first: a scan writes its event without Hibernate flushing and dirty-checking what it loaded.
        insert(topic, type, Arrays.asList(key), Arrays.asList(subject), List.of(json(type, data)));
    }

    /** One event to write with {@link #addAll}. */
    public record Entry(String key, String subject, Object data) {
    }

    /** Many events of one type in one statement (issuing 100 000 codes), in list order, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addAll(String topic, String type, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(entries.size());
        List<String> subjects = new ArrayList<>(entries.size());
        List<String> payloads = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            keys.add(entry.key());
            subjects.add(entry.subject());
            payloads.add(json(type, entry.data()));
        }
        em.flush();
        insert(topic, type, keys, subjects, payloads);
    }

    /**
     * Plain JDBC on the transaction's connection, in list order. The same statement tells the relay: a
     * notification is delivered only if the transaction commits, and PostgreSQL delivers a transaction's
     * identical ones once, so a scan pays no round trip of its own for it.
     */
    private void insert(String topic, String type, List<String> keys, List<String> subjects, List<String> payloads) {
        Timestamp now = Timestamp.from(Instant.now());
        String traceparent = tracing.currentTraceparent();
        SetBasedSql.withoutFlush(em, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_AND_NOTIFY)) {
                insert.setString(1, topic);
                insert.setString(2, type);
                insert.setTimestamp(3, now);
                insert.setString(4, traceparent);
                insert.setArray(5, SetBasedSql.array(connection, "text", keys.toArray()));
                insert.setArray(6, SetBasedSql.array(connection, "text", subjects.toArray()));
                insert.setArray(7, SetBasedSql.array(connection, "text", payloads.toArray()));
                insert.executeQuery().close();
                return null;
            }
        });
    }

    private String json(String type, Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + type + " is not serializable", e);
        }
    }
}
