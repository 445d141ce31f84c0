package org.confops.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the event consumers: DOWN while one cannot make progress, UP again as soon as a batch is applied.
 * Not liveness: restarting the service would not bring the database back.
 */
@Readiness
@ApplicationScoped
public class InboxHealthCheck implements HealthCheck {

    @Inject
    InboxHealth health;

    @Override
    public HealthCheckResponse call() {
        var stalled = health.stalled();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers").status(stalled.isEmpty());
        stalled.forEach((consumer, stall) -> response.withData(consumer,
                "retrying since " + stall.since() + ": " + stall.error()));
        return response.build();
    }
}
