package org.confops.checkin.repository;

import java.sql.PreparedStatement;
import java.sql.Types;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.checkin.domain.ScanLogEntry;
import org.confops.platform.sql.SetBasedSql;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ScanLogRepository implements PanacheRepositoryBase<ScanLogEntry, Long> {

    /**
     * Appends an entry with one plain {@code INSERT} (sets its id). An entry is never changed after, so Hibernate
     * need not manage it; and the door's scans write it without flushing anything else.
     */
    public void append(ScanLogEntry entry) {
        entry.id = SetBasedSql.withoutFlush(getEntityManager(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO scan_log (conference_id, scan_type, access_code, attendee_id, result, reason, message,
                      station, actor_subject, actor_name, nonce, client_time, server_time, checkin_id, line_item_id,
                      product) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                insert.setLong(1, entry.conferenceId);
                insert.setString(2, entry.scanType);
                insert.setString(3, entry.accessCode);
                insert.setObject(4, entry.attendeeId, Types.BIGINT);
                insert.setString(5, entry.result);
                insert.setString(6, entry.reason);
                insert.setString(7, entry.message);
                insert.setString(8, entry.station);
                insert.setString(9, entry.actorSubject);
                insert.setString(10, entry.actorName);
                insert.setString(11, entry.nonce);
                insert.setObject(12, SetBasedSql.timestamptz(entry.clientTime));
                insert.setObject(13, SetBasedSql.timestamptz(entry.serverTime));
                insert.setObject(14, entry.checkinId, Types.BIGINT);
                insert.setObject(15, entry.lineItemId, Types.BIGINT);
                insert.setString(16, entry.product);
                return SetBasedSql.insertReturningId(insert);
            }
        });
    }
}
