package org.confops.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code confops.security.token-cache.*}: how long a verified bearer token is trusted without checking it again. */
@ConfigMapping(prefix = "confops.security.token-cache")
public interface TokenCacheConfig {

    /** Whether verified tokens are remembered at all (off: every request verifies its token in full). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The longest a token is trusted on the strength of an earlier verification, whatever its own expiry: it bounds
     * how long a token signed by a key the identity provider has since withdrawn keeps working.
     */
    @WithDefault("60s")
    Duration maxAge();

    /** The most tokens remembered (each a few kilobytes); the least recently used go first. */
    @WithDefault("10000")
    long maxSize();
}
