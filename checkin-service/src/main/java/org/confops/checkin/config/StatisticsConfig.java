package org.confops.checkin.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How fresh the shared statistics snapshot is kept, and how often it may be recomputed at most. */
@ConfigMapping(prefix = "checkin.stats")
public interface StatisticsConfig {

    /** A snapshot older than this is recomputed (changes made through other instances show within it). */
    @WithDefault("2s")
    Duration maxAge();

    /**
     * A change committed through this instance makes the snapshot stale at once, but it is recomputed at most
     * this often, so the cost stays the same whatever the number of viewers and scans.
     */
    @WithDefault("1s")
    Duration minInterval();

    /** How often the appended tallies are folded into their totals (read by {@code Tallies}' schedule). */
    @WithDefault("1s")
    Duration foldEvery();

    /** How often the stream looks for a new snapshot. */
    @WithDefault("1s")
    Duration streamTick();

    /** A comment line this often keeps idle proxies from closing a stream with nothing new to say. */
    @WithDefault("10s")
    Duration heartbeat();
}
