package org.confops.platform.errors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A request whose body is larger than {@code confops.http.max-body-size} (1 MiB: the largest real request, an
 * offline upload of 500 scans, is a tenth of it) is refused with 413 in the platform's JSON error. A declared
 * length is judged before anything is read; a chunked body (no length) is read up to the limit and refused as
 * soon as it passes it.
 */
@ApplicationScoped
public class BodySizeLimit {

    @ConfigProperty(name = "confops.http.max-body-size", defaultValue = "1M")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        String body = new JsonObject().put("error", "Request body too large").put("max_bytes", limit).encode();
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(limit);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && !withinLimit(length, limit)) {
                tooLarge(ctx, body);
            } else if (length == null && isChunked(ctx)) {
                chunkedBodies.handle(ctx);
            } else {
                ctx.next();
            }
        }).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                tooLarge(ctx, body);
            } else {
                ctx.next();
            }
        });
    }

    private static void tooLarge(RoutingContext ctx, String body) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close").end(body);
        }
    }

    private static boolean isChunked(RoutingContext ctx) {
        String encoding = ctx.request().getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private static boolean withinLimit(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) <= limit;
        } catch (NumberFormatException unreadable) {
            return false;
        }
    }
}
