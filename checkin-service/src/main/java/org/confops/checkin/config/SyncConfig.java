package org.confops.checkin.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many offline uploads one instance applies at once before it sheds the rest (429). */
@ConfigMapping(prefix = "checkin.sync")
public interface SyncConfig {

    /** Uploads applied at the same time; more wait in the queue or are answered 429. */
    @WithDefault("1")
    int maxConcurrent();

    /**
     * Items applied per transaction: an upload's chunks run one after another, so a smaller chunk holds its
     * attendees' locks, a connection and a commit's worth of WAL for less time.
     */
    @WithDefault("250")
    int chunkSize();

    /**
     * How long an upload's next chunk waits, at most, for the online scans in flight to be answered (0: it does
     * not wait).
     */
    @WithDefault("0s")
    Duration yieldToDoor();

    /**
     * Uploads that may wait, in arrival order, for a slot when all are taken (more are answered 429 at once): they
     * keep the slots busy between devices' retries.
     */
    @WithDefault("2")
    int queue();

    /** The longest an upload waits in the queue before it is answered 429 after all. */
    @WithDefault("2s")
    Duration queueWait();

    /** What a shed upload is told to wait ({@code Retry-After}). */
    @WithDefault("1s")
    Duration retryAfter();
}
