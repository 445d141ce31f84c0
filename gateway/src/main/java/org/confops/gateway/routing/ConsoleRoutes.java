package org.confops.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.confops.gateway.config.GatewayConfig;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The organizer console's public bits next to its static files (META-INF/resources/console/, built from
 * console-ui/): where to sign in. Its API calls go through /api/** like everyone's.
 */
@ApplicationScoped
public class ConsoleRoutes {

    @Inject
    GatewayConfig config;

    void init(@Observes Router router) {
        String body = new JsonObject()
                .put("oidc_authority", config.console().oidcAuthority())
                .put("client_id", config.console().clientId())
                .encode();
        router.get("/console/config.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body));
        // Vert.x matches "/console" for "/console/" too: only the bare path is sent on to the page
        router.get("/console").handler(ctx -> {
            if (ctx.request().path().equals("/console")) {
                ctx.redirect("/console/");
            } else {
                ctx.next();
            }
        });
    }
}
