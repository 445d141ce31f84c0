package org.confops.checkin.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many offline uploads one instance applies at once before it sheds the rest (429). */
@ConfigMapping(prefix = "checkin.sync")
public interface SyncConfig {

    /** Uploads applied at the same time; more are answered 429. */
    @WithDefault("2")
    int maxConcurrent();

    /** What a shed upload is told to wait ({@code Retry-After}). */
    @WithDefault("1s")
    Duration retryAfter();
}
