package org.confops.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services are, and how long the gateway waits for them. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Each service's instances (comma-separated in the environment): requests take turns, skipping a dead one. */
    List<URI> catalog();

    List<URI> checkin();

    List<URI> bulkPurchase();

    Duration connectTimeout();

    Duration idleTimeout();

    /** Larger request bodies are refused with 413 before they reach a service (no request needs more). */
    @WithDefault("1M")
    MemorySize maxBodySize();

    ScanThrottle scanThrottle();

    Scanner scanner();

    Console console();

    /** Brute force at the door: scans of unknown codes allowed per token subject and window, then 429. */
    interface ScanThrottle {

        @WithDefault("20")
        int maxUnknown();

        @WithDefault("60S")
        Duration window();
    }

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
