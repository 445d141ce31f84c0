package org.confops.checkin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import org.confops.platform.errors.Rejection;
import org.junit.jupiter.api.Test;

/** A device's {@code client_time}: the fast path reads what java.time reads, and leaves the rest to it. */
class ClientTimeTest {

    @Test
    void plainTimestampsReadAsJavaTimeReadsThem() {
        for (String value : new String[] {"2026-06-01T08:02:11Z", "2026-06-01T08:02:11.1Z",
            "2026-06-01T08:02:11.123Z", "2026-06-01T08:02:11.123456Z", "2026-06-01T08:02:11.123456789Z",
            "2026-06-01T08:02:11+02:00", "2026-06-01T08:02:11.5-05:30", "2024-02-29T23:59:59.999+14:00",
            "2026-12-31T23:59:59-18:00"}) {
            assertThat(SyncService.plainTimestamp(value)).as(value).isNotNull()
                    .isEqualTo(OffsetDateTime.parse(value).toInstant());
            assertThat(SyncService.clientTime(value)).as(value).isEqualTo(OffsetDateTime.parse(value).toInstant());
        }
    }

    @Test
    void otherShapesAreLeftToJavaTime() {
        // accepted by java.time, not by the fast path
        for (String value : new String[] {"2026-06-01t08:02:11z", "2026-06-01T08:02Z", "2026-06-01T08:02:11.Z"}) {
            assertThat(SyncService.plainTimestamp(value)).as(value).isNull();
        }
        assertThat(SyncService.clientTime("2026-06-01T08:02Z"))
                .isEqualTo(OffsetDateTime.parse("2026-06-01T08:02Z").toInstant());
        // refused either way
        for (String value : new String[] {"2026-02-30T08:02:11Z", "2026-06-01T24:00:00Z",
            "2026-06-01T08:02:11.1234567890Z", "2026-06-01T08:02:11+19:00", "2026-06-01T08:02:11", "2026-06-01 08:02:11Z",
            "2026-06-01T08:02:1xZ", "yesterday morning"}) {
            assertThat(SyncService.plainTimestamp(value)).as(value).isNull();
            assertThatThrownBy(() -> SyncService.clientTime(value)).as(value).isInstanceOf(Rejection.class)
                    .hasMessage("client_time must be an ISO-8601 timestamp with offset");
        }
    }
}
