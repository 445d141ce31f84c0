package org.confops.gateway.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services are, and how long the gateway waits for them. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    URI catalog();

    URI checkin();

    URI bulkPurchase();

    Duration connectTimeout();

    Duration idleTimeout();

    Scanner scanner();

    Console console();

    /** What the browser scanner at /scanner/ needs to sign in, served as /scanner/config.json. */
    interface Scanner {

        /** The OIDC provider's realm URL as the browser reaches it (tokens carry it as issuer). */
        String oidcAuthority();

        @WithDefault("confops-scanner")
        String clientId();
    }

    /** What the organizer console at /console/ needs to sign in, served as /console/config.json. */
    interface Console {

        /** The OIDC provider's realm URL as the browser reaches it (tokens carry it as issuer). */
        String oidcAuthority();

        @WithDefault("confops-console")
        String clientId();
    }
}
