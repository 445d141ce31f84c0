package org.confops.gateway.routing;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

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

    private final Map<Downstream, HttpProxy> proxies = new EnumMap<>(Downstream.class);

    void init(@Observes Router router) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds())
                .setMaxPoolSize(200));
        proxies.put(Downstream.CATALOG, proxy(client, metrics, Downstream.CATALOG, config.catalog()));
        proxies.put(Downstream.CHECKIN, proxy(client, metrics, Downstream.CHECKIN, config.checkin()));
        proxies.put(Downstream.BULK_PURCHASE, proxy(client, metrics, Downstream.BULK_PURCHASE, config.bulkPurchase()));
        router.route("/api/*").handler(this::forward);
        router.routeWithRegex("^/[^/]+/register/checkin/.*").handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        Optional<Routes.Target> target = Routes.resolve(ctx.normalizedPath(), ctx.request().query());
        if (target.isEmpty()) {
            JsonErrors.send(ctx.response(), 404, "Not found");
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
                    } else {
                        proxies.get(target.get().downstream()).handle(ctx.request());
                    }
                }),
                failure -> context.runOnContext(v -> unauthenticated(ctx)));
    }

    private static void unauthenticated(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        JsonErrors.send(ctx.response(), 401, "Authentication required");
    }

    private static HttpProxy proxy(HttpClient client, UpstreamMetrics metrics, Downstream downstream, URI origin) {
        int port = origin.getPort() > 0 ? origin.getPort() : ("https".equals(origin.getScheme()) ? 443 : 80);
        return HttpProxy.reverseProxy(client).origin(port, origin.getHost()).addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext proxy) {
                var request = proxy.request().proxiedRequest();
                Routes.resolve(request.path(), request.query())
                        .ifPresent(target -> proxy.request().setURI(target.uri()));
                long started = System.nanoTime();
                return proxy.sendRequest().onSuccess(response -> metrics.answered(downstream,
                        response.getStatusCode(), started)).recover(failure -> {
                    metrics.answered(downstream, 503, started);
                    Log.warnf("%s unreachable: %s", downstream.serviceName(), failure.getMessage());
                    ProxyResponse response = proxy.request().response()
                            .setStatusCode(503)
                            .putHeader("Content-Type", "application/json")
                            .setBody(Body.body(Buffer.buffer(JsonErrors.body("Service unavailable",
                                    Map.of("service", downstream.serviceName())))));
                    return Future.succeededFuture(response);
                });
            }
        });
    }
}
