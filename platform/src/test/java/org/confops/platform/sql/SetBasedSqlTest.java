package org.confops.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Arrays reach PostgreSQL exactly as given, whichever format the driver sends them in. */
@QuarkusTest
class SetBasedSqlTest {

    @Inject
    DataSource dataSource;

    @Test
    void textElementsArriveUnchangedQuotesBackslashesBracesNullsAndUnicodeIncluded() throws SQLException {
        Object[] texts = {"plain", "with \"quotes\"", "back\\slash", "{braces,commas}", null, "NULL", "",
            "  spaced  ", "Zoë ✓ 日本", "{\"type\":\"attendee.checked-in\",\"data\":{\"name\":\"O'Brien \\\"Bob\\\"\"}}"};
        assertThat(roundTrip("text", texts)).containsExactly(texts);
    }

    @Test
    void numbersAndBooleansArriveUnchanged() throws SQLException {
        Object[] longs = {1L, null, Long.MAX_VALUE, Long.MIN_VALUE, 0L};
        assertThat(roundTrip("bigint", longs)).containsExactly(longs);
        Object[] ints = {7, null, Integer.MIN_VALUE};
        assertThat(roundTrip("integer", ints)).containsExactly(ints);
        Object[] booleans = {true, false, null};
        assertThat(roundTrip("boolean", booleans)).containsExactly(booleans);
    }

    @Test
    void elementsOfAnotherJavaTypeStillArriveThroughTheTextFormat() throws SQLException {
        // an Integer among bigints, and timestamps: not the typed (binary) path, still the same values
        assertThat(roundTrip("bigint", new Object[] {1L, 2, null})).containsExactly(1L, 2L, null);
        Timestamp at = Timestamp.from(Instant.parse("2026-06-01T08:02:11.123456Z"));
        assertThat(roundTrip("timestamptz", new Object[] {at, null})).containsExactly(at, null);
    }

    @Test
    void anEmptyArrayIsEmpty() throws SQLException {
        assertThat(roundTrip("text", new Object[0])).isEmpty();
    }

    private List<Object> roundTrip(String elementType, Object[] values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT v FROM unnest(?::" + elementType + "[]) WITH ORDINALITY AS t(v, n) ORDER BY n")) {
            select.setArray(1, SetBasedSql.array(connection, elementType, Arrays.copyOf(values, values.length)));
            List<Object> read = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read.add(rows.getObject(1));
                }
            }
            return read;
        }
    }
}
