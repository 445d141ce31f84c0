package org.confops.observability;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * HTTP server timings (and the gateway's timings of its upstreams) as Prometheus histograms with a fixed set of buckets around the door's budgets (a scan's p99
 * ≤ 20 ms; anything over 1 s is an incident), so dashboards and alerts can compute p99 across instances with
 * {@code histogram_quantile}. A fixed, short list keeps the series count small.
 */
@Singleton
public class LatencyBuckets {

    static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5) };

    static final java.util.Set<String> TIMED = java.util.Set.of("http.server.requests", "confops.gateway.upstream");

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!TIMED.contains(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(java.util.Arrays.stream(BUCKETS).mapToDouble(d -> d.toNanos())
                                .toArray())
                        .build().merge(config);
            }
        };
    }
}
