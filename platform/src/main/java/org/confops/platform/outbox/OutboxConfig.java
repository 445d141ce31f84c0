package org.confops.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code confops.outbox.*}: how the relay publishes, and how long published rows are kept. */
@ConfigMapping(prefix = "confops.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay at all (tests of the outbox alone may turn it off). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows read and published per round trip. */
    @WithDefault("1000")
    int batchSize();

    /**
     * The least time from the start of one pass to the start of the next: commits that arrive meanwhile are read,
     * sent and deleted together. Each pass costs the same whatever its size (a read of the unpublished rows, a
     * round trip to the broker, a delete), and a busy door commits hundreds of times a second. 100 ms (was 20):
     * once the relay's reads used their indexes it kept pace with a reconnection storm pass by pass, and took the
     * cores from the door's online scans (their p99 went from about 40 to about 70 ms); no reader of the events
     * needs them sooner.
     */
    @WithDefault("100ms")
    Duration gather();

    /** The fallback poll when no commit notification arrives (notifications wake the relay at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long to wait for the broker to acknowledge a batch before trying it again. */
    @WithDefault("30s")
    Duration sendTimeout();

    /**
     * How long published rows are kept, marked published, for inspection. 0 (the default): deleted as soon as the
     * broker has them, which costs a fraction of a mark (an UPDATE copies the whole row and adds an entry to every
     * index); Kafka keeps what was published. Tests that read what a change wrote to the outbox keep them.
     */
    @WithDefault("0s")
    Duration retention();

    /** How often published rows past their retention are purged. */
    @WithDefault("1m")
    Duration purgeInterval();
}
