package org.confops.checkin.repository;

import static org.confops.platform.sql.SetBasedSql.instant;
import static org.confops.platform.sql.SetBasedSql.timestamptz;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.CheckIn;
import org.confops.checkin.domain.CustomerOrder;
import org.confops.checkin.domain.LineItem;
import org.confops.platform.sql.SetBasedSql;

/**
 * The door's hot path in plain JDBC on the transaction's connection: a scan loads, dirty-checks and flushes no
 * entity. What it reads comes back as unmanaged objects, and what it changes is written by {@link #record}.
 */
@ApplicationScoped
public class DoorRows {

    /** An attendee row-locked for a movement, with their order (null until its event arrived) and its lines. */
    public record Locked(Attendee attendee, CustomerOrder order, List<LineItem> lines) {
    }

    @Inject
    EntityManager em;

    /**
     * The attendee holding the code, row-locked so concurrent scans of one badge agree on which was the first;
     * then their order and lines, read after the lock so a refund that committed meanwhile is seen.
     */
    public Optional<Locked> lockByCode(long conferenceId, String accessCode) {
        return SetBasedSql.withoutFlush(em, connection -> {
            Attendee attendee;
            try (PreparedStatement lock = connection.prepareStatement("""
                    SELECT id, order_id, name, email, version, first_checked_in_at, inside, last_moved_at,
                      last_entry_at FROM attendee WHERE conference_id = ? AND access_code = ? FOR UPDATE""")) {
                lock.setLong(1, conferenceId);
                lock.setString(2, accessCode);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    attendee = attendee(row, conferenceId, accessCode);
                }
            }
            if (attendee.orderId == null) {
                return Optional.of(new Locked(attendee, null, List.of()));
            }
            CustomerOrder order = null;
            List<LineItem> lines = new ArrayList<>();
            try (PreparedStatement read = connection.prepareStatement("""
                    SELECT o.status, o.conference_id, o.version, l.id, l.ticket_type_slug, l.addon_slug,
                      l.description, l.quantity, l.redeemed_count
                    FROM customer_order o LEFT JOIN line_item l ON l.order_id = o.id
                    WHERE o.id = ? ORDER BY l.id""")) {
                read.setLong(1, attendee.orderId);
                try (ResultSet row = read.executeQuery()) {
                    while (row.next()) {
                        if (order == null) {
                            order = new CustomerOrder();
                            order.id = attendee.orderId;
                            order.status = row.getString(1);
                            order.conferenceId = row.getLong(2);
                            order.version = row.getLong(3);
                        }
                        long lineId = row.getLong(4);
                        if (!row.wasNull()) {
                            lines.add(line(row, lineId, attendee.orderId));
                        }
                    }
                }
            }
            return Optional.of(new Locked(attendee, order, lines));
        });
    }

    /**
     * Records a movement and the attendee's check-in columns it changed ({@code first_checked_in_at},
     * {@code inside}, {@code last_moved_at}, {@code last_entry_at}) in one statement; sets the movement's id.
     */
    public void record(CheckIn movement, Attendee attendee) {
        movement.id = SetBasedSql.withoutFlush(em, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    WITH moved AS (UPDATE attendee SET first_checked_in_at = ?, inside = ?, last_moved_at = ?,
                        last_entry_at = ? WHERE id = ?)
                    INSERT INTO check_in (attendee_id, conference_id, station, direction, checked_in_at, recorded_at,
                      actor_subject, actor_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                insert.setObject(1, timestamptz(attendee.firstCheckedInAt));
                insert.setBoolean(2, attendee.inside);
                insert.setObject(3, timestamptz(attendee.lastMovedAt));
                insert.setObject(4, timestamptz(attendee.lastEntryAt));
                insert.setLong(5, attendee.id);
                insert.setLong(6, movement.attendeeId);
                insert.setLong(7, movement.conferenceId);
                insert.setString(8, movement.station);
                insert.setString(9, movement.direction);
                insert.setObject(10, timestamptz(movement.checkedInAt));
                insert.setObject(11, timestamptz(movement.recordedAt));
                insert.setString(12, movement.actorSubject);
                insert.setString(13, movement.actorName);
                return SetBasedSql.insertReturningId(insert);
            }
        });
    }

    private static Attendee attendee(ResultSet row, long conferenceId, String accessCode) throws SQLException {
        Attendee attendee = new Attendee();
        attendee.id = row.getLong(1);
        attendee.conferenceId = conferenceId;
        attendee.accessCode = accessCode;
        long orderId = row.getLong(2);
        attendee.orderId = row.wasNull() ? null : orderId;
        attendee.name = row.getString(3);
        attendee.email = row.getString(4);
        attendee.version = row.getLong(5);
        attendee.firstCheckedInAt = instant(row, 6);
        attendee.inside = row.getBoolean(7);
        attendee.lastMovedAt = instant(row, 8);
        attendee.lastEntryAt = instant(row, 9);
        return attendee;
    }

    private static LineItem line(ResultSet row, long id, long orderId) throws SQLException {
        LineItem line = new LineItem();
        line.id = id;
        line.orderId = orderId;
        line.ticketTypeSlug = row.getString(5);
        line.addonSlug = row.getString(6);
        line.description = row.getString(7);
        line.quantity = row.getInt(8);
        line.redeemedCount = row.getInt(9);
        return line;
    }
}
