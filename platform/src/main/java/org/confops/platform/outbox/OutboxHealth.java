package org.confops.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the outbox relay: DOWN once it has had no database connection for a few seconds (it reconnects by
 * itself). A broker that is away does not make the service unready: events wait in the outbox meanwhile.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    /** A reconnect that succeeds within this is not worth taking the instance out of service. */
    private static final java.time.Duration GRACE = java.time.Duration.ofSeconds(3);

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.Role role = relay.role();
        java.time.Instant since = relay.disconnectedSince();
        boolean down = since != null && since.isBefore(java.time.Instant.now().minus(GRACE));
        var response = HealthCheckResponse.named("outbox relay").status(!down)
                .withData("role", role.name().toLowerCase(java.util.Locale.ROOT));
        if (relay.lastError() != null) {
            response.withData("last_error", relay.lastError());
        }
        return response.build();
    }
}
