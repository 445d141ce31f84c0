package org.confops.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.confops.gateway.config.GatewayConfig;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The browser scanner's public bits next to its static files (META-INF/resources/scanner/, built from
 * scanner-ui/): where to sign in, so the page is not tied to one Keycloak address or port.
 */
@ApplicationScoped
public class ScannerRoutes {

    @Inject
    GatewayConfig config;

    void init(@Observes Router router) {
        String body = new JsonObject()
                .put("oidc_authority", config.scanner().oidcAuthority())
                .put("client_id", config.scanner().clientId())
                .encode();
        router.get("/scanner/config.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body));
        // Vert.x matches "/scanner" for "/scanner/" too: only the bare path is sent on to the page
        router.get("/scanner").handler(ctx -> {
            if (ctx.request().path().equals("/scanner")) {
                ctx.redirect("/scanner/");
            } else {
                ctx.next();
            }
        });
    }
}
