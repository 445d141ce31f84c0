package org.confops.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.confops.gateway.config.GatewayConfig;
import org.confops.gateway.routing.Downstream;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One API description for frontend teams: {@code GET /q/openapi} fetches every service's own {@code /q/openapi}
 * and answers them merged with the gateway's routes (no token needed, as at the services). A service that cannot
 * be reached makes it 503 naming the service rather than a document silently missing its paths.
 * {@code /q/swagger-ui} leads to the Swagger UI bundled with the console.
 */
@ApplicationScoped
public class OpenApiRoutes {

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    private HttpClient client;
    private JsonObject gatewayDoc;

    void init(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds()));
        gatewayDoc = loadGatewayDoc();
        router.get("/q/openapi").handler(this::merged);
        router.get("/q/swagger-ui").handler(ctx -> ctx.redirect("/console/api-docs/"));
        router.get("/q/swagger-ui/").handler(ctx -> ctx.redirect("/console/api-docs/"));
    }

    private void merged(RoutingContext ctx) {
        Map<String, URI> origins = new LinkedHashMap<>();
        // every instance of a service serves the same description: the first one's is asked
        origins.put(Downstream.CATALOG.serviceName(), config.catalog().get(0));
        origins.put(Downstream.CHECKIN.serviceName(), config.checkin().get(0));
        origins.put(Downstream.BULK_PURCHASE.serviceName(), config.bulkPurchase().get(0));
        List<Future<JsonObject>> fetches = new ArrayList<>();
        origins.forEach((service, origin) -> fetches.add(fetch(service, origin)));
        Future.join(fetches).onComplete(done -> {
            Map<String, JsonObject> docs = new LinkedHashMap<>();
            List<String> services = new ArrayList<>(origins.keySet());
            for (int i = 0; i < fetches.size(); i++) {
                Future<JsonObject> fetch = fetches.get(i);
                if (fetch.failed()) {
                    Log.warnf("OpenAPI of %s unavailable: %s", services.get(i), fetch.cause().getMessage());
                    ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("error", "Service unavailable")
                                    .put("service", services.get(i)).encode());
                    return;
                }
                docs.put(services.get(i), fetch.result());
            }
            JsonObject merged;
            try {
                merged = OpenApiMerger.merge(docs, gatewayDoc.copy());
            } catch (RuntimeException e) {
                Log.error("Merging the services' OpenAPI failed", e);
                ctx.response().setStatusCode(502).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", "The services' API descriptions could not be merged")
                                .encode());
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache")
                    .end(merged.encodePrettily());
        });
    }

    private Future<JsonObject> fetch(String service, URI origin) {
        int port = origin.getPort() > 0 ? origin.getPort() : ("https".equals(origin.getScheme()) ? 443 : 80);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(origin.getHost())
                .setPort(port).setSsl("https".equals(origin.getScheme())).setURI("/q/openapi?format=json")
                .putHeader("Accept", "application/json")
                .setIdleTimeout(config.idleTimeout().toMillis());
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture(service + " answered HTTP " + response.statusCode());
                    }
                    return response.body();
                })
                .map(body -> new JsonObject(body));
    }

    private static JsonObject loadGatewayDoc() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream("/openapi/gateway.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
