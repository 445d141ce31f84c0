package org.confops.bulkpurchase.repository;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.bulkpurchase.domain.OutboxEvent;

import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    public List<OutboxEvent> nextUnpublished(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
    }

    /**
     * A transaction-scoped PostgreSQL advisory lock: only one relay, across all instances, publishes at a
     * time, which keeps each key's events in commit order on the topic.
     */
    public boolean tryRelayLock() {
        return (Boolean) getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(7463001)")
                .getSingleResult();
    }

    /**
     * Writes many events of one type in one statement (arrays unnested in order, so ids keep the list's order):
     * what issuing 100 000 codes needs. Joins the caller's transaction.
     */
    public void insertBatch(String topic, String type, List<String> keys, List<String> subjects, List<String> payloads,
            Instant occurredAt) {
        getEntityManager().flush();
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, record_key, event_type, subject, payload, occurred_at)
                    SELECT gen_random_uuid(), ?, e.record_key, ?, e.subject, e.payload, ?
                    FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS e(record_key, subject, payload, n)
                    ORDER BY e.n""")) {
                Array keyArray = connection.createArrayOf("text", keys.toArray());
                Array subjectArray = connection.createArrayOf("text", subjects.toArray());
                Array payloadArray = connection.createArrayOf("text", payloads.toArray());
                insert.setString(1, topic);
                insert.setString(2, type);
                insert.setTimestamp(3, Timestamp.from(occurredAt));
                insert.setArray(4, keyArray);
                insert.setArray(5, subjectArray);
                insert.setArray(6, payloadArray);
                insert.executeUpdate();
            }
        });
    }
}
