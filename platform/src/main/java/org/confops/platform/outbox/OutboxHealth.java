package org.confops.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the outbox relay: DOWN while it cannot reach the database (it reconnects by itself). */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.Role role = relay.role();
        var response = HealthCheckResponse.named("outbox relay").status(role != OutboxRelay.Role.DISCONNECTED)
                .withData("role", role.name().toLowerCase(java.util.Locale.ROOT));
        if (relay.lastError() != null) {
            response.withData("last_error", relay.lastError());
        }
        return response.build();
    }
}
