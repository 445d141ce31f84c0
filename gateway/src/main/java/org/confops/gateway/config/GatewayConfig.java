package org.confops.gateway.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Where the services are, and how long the gateway waits for them. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    URI catalog();

    URI checkin();

    URI bulkPurchase();

    Duration connectTimeout();

    Duration idleTimeout();
}
