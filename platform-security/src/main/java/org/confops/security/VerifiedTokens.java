package org.confops.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies each bearer token once, not on every request: a scanner sends the same token with every scan, and
 * checking its signature and claims again (Quarkus OIDC parses the JWT's JSON several times per request) cost a
 * fifth of a scan's CPU in the service and over a third in the gateway.
 * <p>
 * Tried before Quarkus OIDC's own provider: a token seen and verified by OIDC within {@link TokenCacheConfig#maxAge}
 * and not yet expired is accepted with the identity OIDC built for it; anything else (a new token, an expired one,
 * an opaque one) goes to OIDC, whose verdict stands, and only what it accepted is remembered. A token is the key
 * itself, so a forged or altered one never matches.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    @Inject
    OidcIdentityProvider oidc;

    @Inject
    TokenCacheConfig config;

    @Inject
    MeterRegistry registry;

    private Cache<String, Verified> verified;

    /** What OIDC built for a token, and until when it may be used. */
    record Verified(SecurityIdentity identity, Instant usableUntil) {
    }

    @PostConstruct
    void createCache() {
        verified = Caffeine.newBuilder().maximumSize(config.maxSize()).expireAfter(new UntilUsable()).recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, verified, "verified_bearer_tokens");
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Just before every provider of the default priority, OIDC's among them. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!config.enabled() || !(request.getToken() instanceof AccessTokenCredential credential)) {
            return oidc.authenticate(request, context);
        }
        String token = credential.getToken();
        Verified known = verified.getIfPresent(token);
        if (known != null && Instant.now().isBefore(known.usableUntil())) {
            return Uni.createFrom().item(forThisRequest(known.identity(), request));
        }
        return oidc.authenticate(request, context).invoke(identity -> remember(token, identity));
    }

    private void remember(String token, SecurityIdentity identity) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        Instant now = Instant.now();
        Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime());
        Instant limit = now.plus(config.maxAge());
        Instant usableUntil = expires.isBefore(limit) ? expires : limit;
        if (usableUntil.isAfter(now)) {
            verified.put(token, new Verified(identity, usableUntil));
        }
    }

    /** The remembered identity, pointing at this request rather than the one it was first built for. */
    private static SecurityIdentity forThisRequest(SecurityIdentity identity, TokenAuthenticationRequest request) {
        RoutingContext current = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (current == null || identity.getAttribute(RoutingContext.class.getName()) == null) {
            return identity;
        }
        return QuarkusSecurityIdentity.builder(identity).addAttribute(RoutingContext.class.getName(), current).build();
    }

    /** An entry lives until its token may no longer be used. */
    private static final class UntilUsable implements Expiry<String, Verified> {
        @Override
        public long expireAfterCreate(String token, Verified entry, long currentTime) {
            return Math.max(0, Duration.between(Instant.now(), entry.usableUntil()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, Verified entry, long currentTime, long currentDuration) {
            return expireAfterCreate(token, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Verified entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
