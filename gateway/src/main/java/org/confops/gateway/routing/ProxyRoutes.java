package org.confops.gateway.routing;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.confops.gateway.config.GatewayConfig;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The gateway's one job: authenticate the caller, then stream the request to the service that owns the path
 * and stream its answer back (Vert.x HTTP proxy; nothing is buffered whole). The bearer token is passed on:
 * every service validates it again.
 */
@ApplicationScoped
public class ProxyRoutes {

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    @Inject
    UpstreamMetrics metrics;

    /** Compiled once: {@code String.matches} compiled it for every request (1.4 % of the gateway's CPU at the door). */
    private static final Pattern SCAN = Pattern.compile("/api/conferences/[^/?]+/checkin/scan(\\?.*)?");

    private final Map<Downstream, HttpProxy> proxies = new EnumMap<>(Downstream.class);
    private ScanThrottle scanThrottle;

    void init(@Observes Router router) {
        scanThrottle = new ScanThrottle(config.scanThrottle().maxUnknown(), config.scanThrottle().window());
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds())
                .setMaxPoolSize(200));
        long limit = config.maxBodySize().asLongValue();
        proxies.put(Downstream.CATALOG, proxy(client, metrics, Downstream.CATALOG, config.catalog(), limit));
        proxies.put(Downstream.CHECKIN, proxy(client, metrics, Downstream.CHECKIN, config.checkin(), limit));
        proxies.put(Downstream.BULK_PURCHASE, proxy(client, metrics, Downstream.BULK_PURCHASE, config.bulkPurchase(), limit));
        router.route("/api/*").handler(this::forward);
        router.routeWithRegex("^/[^/]+/register/checkin/.*").handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        Optional<Routes.Target> target = Routes.resolve(ctx.normalizedPath(), ctx.request().query());
        if (target.isEmpty()) {
            JsonErrors.send(ctx.response(), 404, "Not found");
            return;
        }
        if (tooLarge(ctx)) {
            return;
        }
        // Hold the body until we know who is calling; the proxy resumes it as it streams it on.
        ctx.request().pause();
        // Quarkus answers a failed token itself unless told otherwise: make that answer JSON too.
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER,
                (java.util.function.BiConsumer<RoutingContext, Throwable>) (rc, failure) -> unauthenticated(rc));
        Context context = Vertx.currentContext();
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> context.runOnContext(v -> {
                    if (identity == null || identity.isAnonymous()) {
                        unauthenticated(ctx);
                    } else if (!isScan(ctx, target.get()) || admitScan(ctx, identity.getPrincipal().getName())) {
                        proxies.get(target.get().downstream()).handle(ctx.request());
                    }
                }),
                failure -> context.runOnContext(v -> unauthenticated(ctx)));
    }

    /** A declared body over the limit is refused before anything is read (a chunked one is counted as it streams). */
    private boolean tooLarge(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long limit = config.maxBodySize().asLongValue();
        try {
            if (length == null || Long.parseLong(length.trim()) <= limit) {
                return false;
            }
        } catch (NumberFormatException unreadable) {
            // a Content-Length that is no number is refused like an oversized one
        }
        ctx.response().putHeader("Connection", "close");
        ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                .end(JsonErrors.body("Request body too large", Map.of("max_bytes", limit)));
        return true;
    }

    private static boolean isScan(RoutingContext ctx, Routes.Target target) {
        return target.downstream() == Downstream.CHECKIN && "POST".equals(ctx.request().method().name())
                && SCAN.matcher(target.uri()).matches();
    }

    /**
     * Lets a scan through unless its caller has been guessing codes; an answer of 404 (no such attendee) counts
     * as a guess. Refused: 429 with Retry-After, and the body is never read.
     */
    private boolean admitScan(RoutingContext ctx, String caller) {
        Optional<java.time.Duration> wait = scanThrottle.retryAfter(caller, java.time.Instant.now());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.response().putHeader("Retry-After", String.valueOf(seconds));
            JsonErrors.send(ctx.response(), 429, "Too many unknown codes scanned; wait before scanning again");
            return false;
        }
        ctx.addHeadersEndHandler(v -> {
            if (ctx.response().getStatusCode() == 404) {
                scanThrottle.unknownCode(caller, java.time.Instant.now());
            }
        });
        return true;
    }

    private static void unauthenticated(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            // a refused token reaches both Quarkus' failure handler and the identity's subscriber: answer once
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        JsonErrors.send(ctx.response(), 401, "Authentication required");
    }

    /** A chunked body is counted as it streams on; past the limit the service's request is reset, the caller gets 413. */
    private static LimitedBody limitUnknownLength(ProxyContext proxy, long maxBodySize) {
        Body body = proxy.request().getBody();
        if (body == null || body.length() >= 0) {
            return null;
        }
        LimitedBody limited = new LimitedBody(body.stream(), maxBodySize);
        proxy.request().setBody(Body.body(limited, -1));
        return limited;
    }

    private static HttpProxy proxy(HttpClient client, UpstreamMetrics metrics, Downstream downstream,
            List<URI> instances, long maxBodySize) {
        return HttpProxy.reverseProxy(client).origin(new Upstreams(instances)).addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext proxy) {
                var request = proxy.request().proxiedRequest();
                Routes.resolve(request.path(), request.query())
                        .ifPresent(target -> proxy.request().setURI(target.uri()));
                LimitedBody limited = limitUnknownLength(proxy, maxBodySize);
                long started = System.nanoTime();
                return proxy.sendRequest().onSuccess(response -> metrics.answered(downstream,
                        response.getStatusCode(), started)).recover(failure -> {
                    if (limited != null && limited.exceeded()) {
                        return Future.succeededFuture(proxy.request().response().setStatusCode(413)
                                .putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                                .setBody(Body.body(Buffer.buffer(JsonErrors.body("Request body too large",
                                        Map.of("max_bytes", maxBodySize))))));
                    }
                    metrics.answered(downstream, 503, started);
                    Log.warnf("%s unreachable: %s", downstream.serviceName(), failure.getMessage());
                    ProxyResponse response = proxy.request().response()
                            .setStatusCode(503)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("Retry-After", "1")
                            .setBody(Body.body(Buffer.buffer(JsonErrors.body("Service unavailable",
                                    Map.of("service", downstream.serviceName())))));
                    return Future.succeededFuture(response);
                });
            }
        });
    }
}
