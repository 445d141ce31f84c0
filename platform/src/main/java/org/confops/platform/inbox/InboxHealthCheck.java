package org.confops.platform.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the event consumers: DOWN while one has been unable to make progress for a few seconds, UP again as soon as a batch is applied.
 * Not liveness: restarting the service would not bring the database back.
 */
@Readiness
@ApplicationScoped
public class InboxHealthCheck implements HealthCheck {

    @Inject
    InboxHealth health;

    /** A retry that succeeds within this (a lock conflict, a reconnect) is not worth a DOWN. */
    private static final Duration GRACE = Duration.ofSeconds(3);

    @Override
    public HealthCheckResponse call() {
        Instant cutoff = Instant.now().minus(GRACE);
        var stalled = health.stalled().entrySet().stream()
                .filter(entry -> entry.getValue().since().isBefore(cutoff))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers").status(stalled.isEmpty());
        stalled.forEach((consumer, stall) -> response.withData(consumer,
                "retrying since " + stall.since() + ": " + stall.error()));
        return response.build();
    }
}
