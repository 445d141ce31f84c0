package org.confops.checkin.service;

import org.confops.platform.errors.Rejection;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.checkin.domain.Conference;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The offline preload: every admitted attendee of a conference with their products, streamed from one
 * database cursor straight into the response, so 100 000 attendees take neither N+1 queries nor memory
 * proportional to their number. Count and rows come from one repeatable-read snapshot, so they agree.
 *
 * <p>Names, e-mails and ticket types are strings ({@code ""} when absent), as django-program sends them.
 *
 * <p>Each answer carries a {@code cursor}: the xmin of that snapshot. Asked {@code since} a cursor, the
 * preload returns only attendees changed by transactions from that point on (whatever their order's status
 * now, so a scanner also learns of refunds), which covers every change the earlier snapshot could not see.
 */
@ApplicationScoped
public class PreloadService {

    private static final int FETCH_SIZE = 5000;

    private static final String ADMITTED = """
            FROM attendee a JOIN customer_order o ON o.id = a.order_id %s
            WHERE a.conference_id = ? AND o.status IN ('paid', 'partially_refunded')
              AND (CAST(? AS TEXT) IS NULL OR EXISTS (
                    SELECT 1 FROM line_item t WHERE t.order_id = a.order_id AND t.ticket_type_slug = ?))
            """;

    private static final String CHANGED = """
            FROM attendee a LEFT JOIN customer_order o ON o.id = a.order_id %s
            WHERE a.conference_id = ? AND a.changed_xid >= CAST(? AS xid8)
              AND (CAST(? AS TEXT) IS NULL OR EXISTS (
                    SELECT 1 FROM line_item t WHERE t.order_id = a.order_id AND t.ticket_type_slug = ?))
            """;

    /**
     * One row per attendee and line of their order (an attendee without lines: one row of nulls), in attendee and
     * line order, merged into attendees while they stream. Plain columns, no JSON built in the database: building
     * 200 000 lines' JSON there, then parsing and re-sending it as text, was most of a full preload's time.
     */
    private static final String COLUMNS = """
            SELECT a.id, a.access_code, coalesce(a.name, ''), coalesce(a.email, ''), a.first_checked_in_at, o.status,
              li.id, li.description, li.quantity, li.ticket_type_slug, li.addon_slug, li.redeemed_count
            """;
    private static final String LINES = " LEFT JOIN line_item li ON li.order_id = a.order_id";

    private static final java.util.regex.Pattern CURSOR = java.util.regex.Pattern.compile("[0-9]{1,20}");

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** Checks a {@code since} cursor before anything is streamed; null or blank means a full preload. */
    public static String validCursor(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        if (!CURSOR.matcher(since.trim()).matches()) {
            throw Rejection.invalid("since must be the cursor of an earlier preload").with("since", since);
        }
        return since.trim();
    }

    /**
     * A weak entity tag for the preload this request would get, when one can be given: every change a preload
     * shows sets the attendee's {@code changed_xid}, so the newest one (and the number of attendees) names the
     * data. It is only safe once every transaction up to that id has finished (the snapshot's xmin is past it):
     * a transaction with a lower id could otherwise still commit a change without moving the newest id. While one
     * may, no tag is given and the preload is simply sent.
     */
    public Optional<String> etag(Conference conference, String ticketTypeSlug, String since) {
        String filter = ticketTypeSlug == null || ticketTypeSlug.isBlank() ? null : ticketTypeSlug.trim();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT CAST((SELECT max(changed_xid) FROM attendee WHERE conference_id = ?) AS TEXT),
                          (SELECT count(*) FROM attendee WHERE conference_id = ?),
                          CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT)""")) {
            statement.setLong(1, conference.id);
            statement.setLong(2, conference.id);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                String newest = row.getString(1);
                long count = row.getLong(2);
                long xmin = Long.parseLong(row.getString(3));
                if (newest != null && Long.parseLong(newest) >= xmin) {
                    return Optional.empty();
                }
                // the conference's version moves with its signing keys, which every preload carries
                String tag = conference.id + "|" + conference.version + "|" + filter + "|" + validCursor(since) + "|" + newest + "|" + count;
                return Optional.of("W/\"p" + Integer.toHexString(tag.hashCode()) + "-" + (newest == null ? "0" : newest)
                        + "-" + count + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Preload tag query failed", e);
        }
    }

    /** Whether an {@code If-None-Match} header names {@code etag} (weak comparison, as for GET). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    public void write(Conference conference, String ticketTypeSlug, String since, OutputStream out) {
        String filter = ticketTypeSlug == null || ticketTypeSlug.isBlank() ? null : ticketTypeSlug.trim();
        String cursorSince = validCursor(since);
        Query query = cursorSince == null ? new Query(ADMITTED, conference.id, null, filter)
                : new Query(CHANGED, conference.id, cursorSince, filter);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            // large writes: each one the response stream receives is a hop to the event loop
            try (JsonGenerator json = mapper.getFactory().createGenerator(new BufferedOutputStream(out, 1 << 16))) {
                String cursor = cursor(connection);
                json.writeStartObject();
                json.writeStringField("conference", conference.slug);
                json.writeStringField("generated_at", Instant.now().toString());
                json.writeStringField("cursor", cursor);
                json.writeStringField("since", cursorSince);
                json.writeNumberField("count", count(connection, query));
                json.writeArrayFieldStart("attendees");
                writeAttendees(connection, query, json);
                json.writeEndArray();
                writeSigningKeys(connection, conference.id, json);
                writeRevoked(connection, conference.id, cursorSince, json);
                json.writeEndObject();
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Preload query failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows a preload answers: admitted attendees, or those changed since a cursor. */
    private record Query(String from, long conferenceId, String since, String ticketType) {

        PreparedStatement prepare(Connection connection, String select) throws SQLException {
            boolean counting = select.startsWith("SELECT count");
            PreparedStatement statement = connection.prepareStatement(select
                    + from.formatted(counting ? "" : LINES) + (counting ? "" : " ORDER BY a.id, li.id"));
            int i = 1;
            statement.setLong(i++, conferenceId);
            if (since != null) {
                statement.setString(i++, since);
            }
            statement.setString(i++, ticketType);
            statement.setString(i, ticketType);
            return statement;
        }
    }

    /** The snapshot's xmin: taken in the repeatable-read transaction, it names the snapshot the rows come from. */
    private static String cursor(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT)");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long count(Connection connection, Query query) throws SQLException {
        try (PreparedStatement statement = query.prepare(connection, "SELECT count(*) ");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every key that may have signed one of the conference's badges: scanners verify signed badges offline. */
    private static void writeSigningKeys(Connection connection, long conferenceId, JsonGenerator json)
            throws SQLException, IOException {
        json.writeArrayFieldStart("signing_keys");
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT key_id, algorithm, public_key, created_at, retired_at, expires_at FROM signing_key
                WHERE conference_id = ? ORDER BY key_id""")) {
            statement.setLong(1, conferenceId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    json.writeStartObject();
                    json.writeNumberField("key_id", rows.getLong("key_id"));
                    json.writeStringField("algorithm", rows.getString("algorithm"));
                    json.writeStringField("public_key", rows.getString("public_key"));
                    json.writeStringField("created_at", instant(rows.getTimestamp("created_at")));
                    json.writeStringField("retired_at", instant(rows.getTimestamp("retired_at")));
                    json.writeStringField("expires_at", instant(rows.getTimestamp("expires_at")));
                    json.writeEndObject();
                }
            }
        }
        json.writeEndArray();
    }

    /**
     * Access codes whose badges no longer admit: the order was refunded or cancelled, or the badge was reissued
     * under a new code ({@code reason}). A scanner refuses them even when it never downloaded the attendee. All of
     * them in a full preload; since a cursor, those that changed since then. Read in the preload's snapshot, so it
     * agrees with the attendees above.
     */
    private static void writeRevoked(Connection connection, long conferenceId, String since, JsonGenerator json)
            throws SQLException, IOException {
        json.writeArrayFieldStart("revoked");
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.access_code, o.status, o.status AS reason, a.id AS attendee_id
                FROM customer_order o JOIN attendee a ON a.order_id = o.id
                WHERE o.conference_id = ? AND o.status IN ('refunded', 'cancelled')
                  AND (CAST(? AS TEXT) IS NULL OR a.changed_xid >= CAST(? AS xid8))
                UNION ALL
                SELECT r.access_code, o.status, 'reissued', r.attendee_id
                FROM revoked_code r LEFT JOIN attendee a ON a.id = r.attendee_id
                  LEFT JOIN customer_order o ON o.id = a.order_id
                WHERE r.conference_id = ? AND (CAST(? AS TEXT) IS NULL OR r.changed_xid >= CAST(? AS xid8))
                ORDER BY 4, 1""")) {
            statement.setLong(1, conferenceId);
            statement.setString(2, since);
            statement.setString(3, since);
            statement.setLong(4, conferenceId);
            statement.setString(5, since);
            statement.setString(6, since);
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    json.writeStartObject();
                    json.writeStringField("access_code", rows.getString(1));
                    json.writeStringField("order_status", rows.getString(2));
                    json.writeStringField("reason", rows.getString(3));
                    json.writeEndObject();
                }
            }
        }
        json.writeEndArray();
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    /** A line of an attendee's order, as the preload lists it under {@code products}. */
    private record Line(long id, String description, int quantity, String ticketTypeSlug, String addonSlug,
            int redeemedCount) {
    }

    /** Rows of one attendee arrive together (ordered by attendee): their lines are gathered, then written. */
    private static void writeAttendees(Connection connection, Query query, JsonGenerator json)
            throws SQLException, IOException {
        try (PreparedStatement statement = query.prepare(connection, COLUMNS)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                long current = 0;
                boolean any = false;
                String[] attendee = new String[4];
                Timestamp checkedInAt = null;
                List<Line> lines = new ArrayList<>();
                while (rows.next()) {
                    long id = rows.getLong(1);
                    if (!any || id != current) {
                        if (any) {
                            writeAttendee(json, attendee, checkedInAt, lines);
                        }
                        any = true;
                        current = id;
                        attendee[0] = rows.getString(2);
                        attendee[1] = rows.getString(3);
                        attendee[2] = rows.getString(4);
                        attendee[3] = rows.getString(6);
                        checkedInAt = rows.getTimestamp(5);
                        lines.clear();
                    }
                    long lineId = rows.getLong(7);
                    if (!rows.wasNull()) {
                        lines.add(new Line(lineId, rows.getString(8), rows.getInt(9), rows.getString(10),
                                rows.getString(11), rows.getInt(12)));
                    }
                }
                if (any) {
                    writeAttendee(json, attendee, checkedInAt, lines);
                }
            }
        }
    }

    /** Fields in django-program's order; the ticket type is the description of the order's first ticket line. */
    private static void writeAttendee(JsonGenerator json, String[] attendee, Timestamp checkedInAt, List<Line> lines)
            throws IOException {
        String ticketType = "";
        for (Line line : lines) {
            if (line.ticketTypeSlug() != null && line.addonSlug() == null) {
                ticketType = line.description();
                break;
            }
        }
        json.writeStartObject();
        json.writeStringField("access_code", attendee[0]);
        json.writeStringField("name", attendee[1]);
        json.writeStringField("email", attendee[2]);
        json.writeStringField("ticket_type", ticketType);
        json.writeStringField("order_status", attendee[3]);
        json.writeArrayFieldStart("products");
        for (Line line : lines) {
            json.writeStartObject();
            json.writeNumberField("id", line.id());
            json.writeStringField("description", line.description());
            json.writeNumberField("quantity", line.quantity());
            json.writeStringField("ticket_type_slug", line.ticketTypeSlug());
            json.writeStringField("addon_slug", line.addonSlug());
            json.writeNumberField("redeemed_count", line.redeemedCount());
            json.writeNumberField("remaining", Math.max(line.quantity() - line.redeemedCount(), 0));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeBooleanField("checked_in", checkedInAt != null);
        json.writeStringField("checked_in_at", checkedInAt == null ? null : checkedInAt.toInstant().toString());
        json.writeEndObject();
    }
}
