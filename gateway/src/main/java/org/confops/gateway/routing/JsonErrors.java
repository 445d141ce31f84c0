package org.confops.gateway.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The platform's error body, {@code {"error": "…", …}}, for the answers the gateway gives itself. */
final class JsonErrors {

    private JsonErrors() {
    }

    static String body(String error, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.putAll(details);
        return new JsonObject(body).encode();
    }

    static void send(HttpServerResponse response, int status, String error) {
        if (!response.ended()) {
            response.setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(body(error, Map.of()));
        }
    }
}
