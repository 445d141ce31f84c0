package org.confops.gateway.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.gateway.config.GatewayConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether each service behind the gateway answers its own liveness probe. The gateway stays ready
 * when one is down: it still serves the others, and answers 503 for the missing one.
 */
@Readiness
@ApplicationScoped
public class DownstreamHealthCheck implements HealthCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Inject
    GatewayConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("downstream services").up();
        Map.of("catalog-service", config.catalog(), "checkin-service", config.checkin(),
                "bulk-purchase-service", config.bulkPurchase())
                .forEach((name, instances) -> response.withData(name,
                        instances.stream().anyMatch(this::reachable) ? "UP" : "DOWN"));
        return response.build();
    }

    private boolean reachable(URI service) {
        try {
            HttpRequest probe = HttpRequest.newBuilder(service.resolve("/q/health/live"))
                    .timeout(Duration.ofSeconds(2)).build();
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
