package org.confops.platform.sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Runs plain JDBC in the caller's transaction, after Hibernate has flushed what it holds: for set-based work
 * ({@code INSERT … SELECT FROM unnest(?::bigint[], …)}) where one statement does what thousands would.
 */
public final class SetBasedSql {

    /** Work on the transaction's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private SetBasedSql() {
    }

    public static <T> T run(EntityManager em, Work<T> work) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    /**
     * Work on the transaction's connection without flushing first: for statements that depend on no change
     * Hibernate still holds (a flush dirty-checks every entity of the persistence context, on a hot path the
     * larger part of the cost).
     */
    public static <T> T withoutFlush(EntityManager em, Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    /** Runs an {@code INSERT … RETURNING id} of one row and gives that id. */
    public static long insertReturningId(PreparedStatement insert) throws SQLException {
        try (ResultSet returned = insert.executeQuery()) {
            returned.next();
            return returned.getLong(1);
        }
    }

    /** An instant to bind to a {@code timestamptz} parameter (null stays null). */
    public static OffsetDateTime timestamptz(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column read as an instant (null stays null). */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** One column of a set as a PostgreSQL array (element type such as {@code bigint}, {@code text}). */
    public static <T> Array column(Connection connection, String elementType, Collection<T> rows,
            Function<T, Object> value) throws SQLException {
        return array(connection, elementType, rows.stream().map(value).toArray());
    }

    /**
     * A PostgreSQL array of {@code elementType}. Text, {@code bigint}, {@code integer} and {@code boolean} elements
     * are handed to the driver typed ({@code String[]}, {@code Long[]}, …), which sends them in PostgreSQL's binary
     * array format; an {@code Object[]} would be sent as array text, every element quoted and escaped by the driver
     * and parsed again by the server (in a profile of offline uploads, a fifth of their Java time). Elements
     * of another Java type (a timestamp, say) keep the text format.
     */
    public static Array array(Connection connection, String elementType, Object[] values) throws SQLException {
        return connection.createArrayOf(elementType, typed(elementType, values));
    }

    private static Object[] typed(String elementType, Object[] values) {
        Class<?> type = switch (elementType) {
            case "text", "varchar" -> String.class;
            case "bigint", "int8" -> Long.class;
            case "integer", "int", "int4" -> Integer.class;
            case "boolean", "bool" -> Boolean.class;
            default -> null;
        };
        if (type == null || values.getClass().getComponentType() == type) {
            return values;
        }
        for (Object value : values) {
            if (value != null && !type.isInstance(value)) {
                return values;
            }
        }
        Object[] typed = (Object[]) java.lang.reflect.Array.newInstance(type, values.length);
        System.arraycopy(values, 0, typed, 0, values.length);
        return typed;
    }
}
