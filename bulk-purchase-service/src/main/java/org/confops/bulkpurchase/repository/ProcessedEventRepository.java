package org.confops.bulkpurchase.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The inbox half of exactly-once processing: event ids recorded with the change they caused. */
@ApplicationScoped
public class ProcessedEventRepository {

    @Inject
    EntityManager em;

    /** Records the event id; false when it was recorded before (a redelivery). Joins the caller's transaction. */
    public boolean markProcessed(String eventId, String eventType) {
        return em.createNativeQuery("""
                INSERT INTO processed_event (event_id, event_type) VALUES (?1, ?2)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, eventId)
                .setParameter(2, eventType)
                .executeUpdate() == 1;
    }
}
