package org.confops.checkin.repository;

import static org.confops.platform.sql.SetBasedSql.column;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.messaging.AttendeeSnapshot;
import org.confops.platform.sql.SetBasedSql;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AttendeeRepository implements PanacheRepositoryBase<Attendee, Long> {

    public Optional<Attendee> findByCode(long conferenceId, String accessCode) {
        return find("conferenceId = ?1 and accessCode = ?2", conferenceId, accessCode).firstResultOptional();
    }

    /** Whether the code was an attendee's before their badge was reissued: it admits nobody any more. */
    public boolean isRevoked(long conferenceId, String accessCode) {
        return getEntityManager().createNativeQuery(
                "SELECT 1 FROM revoked_code WHERE conference_id = ?1 AND access_code = ?2")
                .setParameter(1, conferenceId).setParameter(2, accessCode).getResultStream().findAny().isPresent();
    }

    /**
     * Records the codes of reissued badges the snapshots name. Revocations only grow, so every snapshot's list is
     * applied, stale or not; a code already known stays as it was (its first transaction id included).
     */
    public void revoke(List<AttendeeSnapshot> snapshots) {
        List<Object[]> rows = snapshots.stream().flatMap(a -> a.revokedCodes().stream()
                .map(code -> new Object[] { a.conferenceId(), code.trim(), a.id() })).toList();
        if (rows.isEmpty()) {
            return;
        }
        SetBasedSql.run(getEntityManager(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO revoked_code (conference_id, access_code, attendee_id)
                    SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[]) ON CONFLICT DO NOTHING""")) {
                insert.setArray(1, column(connection, "bigint", rows, row -> row[0]));
                insert.setArray(2, column(connection, "text", rows, row -> row[1]));
                insert.setArray(3, column(connection, "bigint", rows, row -> row[2]));
                return insert.executeUpdate();
            }
        });
    }

    /** Inserts new attendees and updates those held at an older version (one id once); check-in's columns stay. */
    public void upsertNewer(List<AttendeeSnapshot> attendees) {
        SetBasedSql.run(getEntityManager(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO attendee (id, conference_id, order_id, access_code, name, email, version)
                    SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                        ?::bigint[])
                    ON CONFLICT (id) DO UPDATE SET conference_id = EXCLUDED.conference_id,
                        order_id = EXCLUDED.order_id, access_code = EXCLUDED.access_code, name = EXCLUDED.name,
                        email = EXCLUDED.email, version = EXCLUDED.version
                    WHERE attendee.version < EXCLUDED.version""")) {
                upsert.setArray(1, column(connection, "bigint", attendees, AttendeeSnapshot::id));
                upsert.setArray(2, column(connection, "bigint", attendees, AttendeeSnapshot::conferenceId));
                upsert.setArray(3, column(connection, "bigint", attendees, AttendeeSnapshot::orderId));
                upsert.setArray(4, column(connection, "text", attendees, a -> a.accessCode().trim()));
                upsert.setArray(5, column(connection, "text", attendees, AttendeeSnapshot::name));
                upsert.setArray(6, column(connection, "text", attendees, AttendeeSnapshot::email));
                upsert.setArray(7, column(connection, "bigint", attendees, AttendeeSnapshot::version));
                return upsert.executeUpdate();
            }
        });
    }
}
