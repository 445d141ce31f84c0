package org.confops.checkin.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

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
 */
@ApplicationScoped
public class PreloadService {

    private static final int FETCH_SIZE = 1000;

    private static final String FILTER = """
            FROM attendee a JOIN customer_order o ON o.id = a.order_id
            WHERE a.conference_id = ? AND o.status IN ('paid', 'partially_refunded')
              AND (CAST(? AS TEXT) IS NULL OR EXISTS (
                    SELECT 1 FROM line_item t WHERE t.order_id = a.order_id AND t.ticket_type_slug = ?))
            """;

    private static final String COUNT = "SELECT count(*) " + FILTER;

    private static final String ROWS = """
            SELECT a.access_code, a.name, a.email, a.first_checked_in_at,
              (SELECT li.description FROM line_item li
                WHERE li.order_id = a.order_id AND li.ticket_type_slug IS NOT NULL AND li.addon_slug IS NULL
                ORDER BY li.id LIMIT 1) AS ticket_type,
              (SELECT json_agg(json_build_object(
                        'id', li.id, 'description', li.description, 'quantity', li.quantity,
                        'ticket_type_slug', li.ticket_type_slug, 'addon_slug', li.addon_slug,
                        'redeemed_count', li.redeemed_count,
                        'remaining', GREATEST(li.quantity - li.redeemed_count, 0)) ORDER BY li.id)
                 FROM line_item li WHERE li.order_id = a.order_id) AS products
            """ + FILTER + " ORDER BY a.id";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    public void write(Conference conference, String ticketTypeSlug, OutputStream out) {
        String filter = ticketTypeSlug == null || ticketTypeSlug.isBlank() ? null : ticketTypeSlug.trim();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("conference", conference.slug);
                json.writeStringField("generated_at", Instant.now().toString());
                json.writeNumberField("count", count(connection, conference.id, filter));
                json.writeArrayFieldStart("attendees");
                writeAttendees(connection, conference.id, filter, json);
                json.writeEndArray();
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

    private static long count(Connection connection, long conferenceId, String filter) throws SQLException {
        try (PreparedStatement statement = prepare(connection, COUNT, conferenceId, filter);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void writeAttendees(Connection connection, long conferenceId, String filter, JsonGenerator json)
            throws SQLException, IOException {
        try (PreparedStatement statement = prepare(connection, ROWS, conferenceId, filter)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp checkedInAt = rows.getTimestamp("first_checked_in_at");
                    String products = rows.getString("products");
                    json.writeStartObject();
                    json.writeStringField("access_code", rows.getString("access_code"));
                    json.writeStringField("name", rows.getString("name"));
                    json.writeStringField("email", rows.getString("email"));
                    json.writeStringField("ticket_type", rows.getString("ticket_type"));
                    json.writeFieldName("products");
                    json.writeRawValue(products == null ? "[]" : products);
                    json.writeBooleanField("checked_in", checkedInAt != null);
                    json.writeStringField("checked_in_at",
                            checkedInAt == null ? null : checkedInAt.toInstant().toString());
                    json.writeEndObject();
                }
            }
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, long conferenceId, String filter)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, conferenceId);
        statement.setString(2, filter);
        statement.setString(3, filter);
        return statement;
    }
}
