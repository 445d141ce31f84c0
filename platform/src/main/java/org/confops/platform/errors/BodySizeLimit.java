package org.confops.platform.errors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A request whose declared body is larger than {@code confops.http.max-body-size} (1 MiB: the largest real
 * request, an offline upload of 500 scans, is a tenth of it) is refused with 413 in the platform's JSON error
 * before anything is read or parsed. A chunked body without a length is stopped by Quarkus's own
 * {@code quarkus.http.limits.max-body-size} as it streams in.
 */
@ApplicationScoped
public class BodySizeLimit {

    @ConfigProperty(name = "confops.http.max-body-size", defaultValue = "1M")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        String body = new JsonObject().put("error", "Request body too large").put("max_bytes", limit).encode();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && !withinLimit(length, limit)) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close").end(body);
            } else {
                ctx.next();
            }
        });
    }

    private static boolean withinLimit(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) <= limit;
        } catch (NumberFormatException unreadable) {
            return false;
        }
    }
}
