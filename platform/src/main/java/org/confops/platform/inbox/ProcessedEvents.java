package org.confops.platform.inbox;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.platform.sql.SetBasedSql;
import org.hibernate.Session;

/** The inbox table ({@code processed_event}): event ids recorded in the same transaction as their effect. */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    EntityManager em;

    /** Records the ids (id → type) and returns those not recorded before: the ones to apply. */
    public Set<String> recordNew(Map<String, String> typesById) {
        Set<String> fresh = new HashSet<>();
        if (typesById.isEmpty()) {
            return fresh;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO processed_event (event_id, event_type)
                    SELECT * FROM unnest(?::text[], ?::text[])
                    ON CONFLICT (event_id) DO NOTHING
                    RETURNING event_id""")) {
                Array ids = SetBasedSql.array(connection, "text", typesById.keySet().toArray());
                Array types = SetBasedSql.array(connection, "text", typesById.values().toArray());
                insert.setArray(1, ids);
                insert.setArray(2, types);
                try (ResultSet inserted = insert.executeQuery()) {
                    while (inserted.next()) {
                        fresh.add(inserted.getString(1));
                    }
                }
            }
        });
        return fresh;
    }

    /** Whether an event id was recorded (tests and markers ask this). */
    public boolean isRecorded(String eventId) {
        return !em.createNativeQuery("SELECT 1 FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getResultList().isEmpty();
    }
}
