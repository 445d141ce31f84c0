package org.confops.gateway.routing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How each service answers the gateway ({@code confops_gateway_upstream_seconds} by upstream and status; the
 * gateway's own 503 when a service cannot be reached counts as that service's): the gateway's view of the
 * services' latency and errors, which operators compare with each service's own.
 */
@ApplicationScoped
public class UpstreamMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    void answered(Downstream upstream, int status, long startedNanos) {
        timers.computeIfAbsent(upstream.serviceName() + ' ' + status, key -> Timer.builder("confops.gateway.upstream")
                .description("Time until a service's answer started, as the gateway saw it")
                .tag("upstream", upstream.serviceName()).tag("status", String.valueOf(status))
                .register(registry))
                .record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
