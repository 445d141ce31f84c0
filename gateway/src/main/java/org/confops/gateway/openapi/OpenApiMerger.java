package org.confops.gateway.openapi;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.quarkus.logging.Log;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One OpenAPI document out of the services' own: their paths (all under /api, as the gateway serves them),
 * their components (a name two services use for different shapes gets the service's prefix, and that
 * service's references follow it), their tags, plus the gateway's own routes, under one bearer scheme.
 */
public final class OpenApiMerger {

    static final String BEARER = "bearer";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private OpenApiMerger() {
    }

    /**
     * @param services each service's document by service name, in a stable order
     * @param gateway the gateway's own document (info, tags, paths, components)
     */
    public static JsonObject merge(Map<String, JsonObject> services, JsonObject gateway) {
        JsonObject components = new JsonObject();
        JsonObject paths = new JsonObject();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        String version = "3.1.0";
        Map<String, JsonObject> all = new LinkedHashMap<>(services);
        all.put("gateway", gateway);
        for (Map.Entry<String, JsonObject> entry : all.entrySet()) {
            String service = entry.getKey();
            JsonObject doc = entry.getValue();
            version = doc.getString("openapi", version);
            // a rename changes the shapes that refer to it, which may then clash in turn: repeat until stable
            for (int round = 0; round < 10; round++) {
                JsonObject renamed = renameClashes(service, doc, components);
                if (renamed == doc) {
                    break;
                }
                doc = renamed;
            }
            JsonObject own = doc.getJsonObject("components", new JsonObject());
            for (String type : own.fieldNames()) {
                if ("securitySchemes".equals(type)) {
                    continue; // one bearer scheme for all, below
                }
                JsonObject target = components.getJsonObject(type);
                if (target == null) {
                    target = new JsonObject();
                    components.put(type, target);
                }
                target.mergeIn(own.getJsonObject(type));
            }
            addPaths(service, doc.getJsonObject("paths", new JsonObject()), paths);
            addTags(doc.getJsonArray("tags"), tags);
        }
        components.put("securitySchemes", new JsonObject().put(BEARER, new JsonObject()
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "An access token from the platform's OIDC provider (Keycloak realm confops), "
                        + "audience confops-api; permissions travel as realm roles conference:{slug}:{permission}")));
        return new JsonObject()
                .put("openapi", version)
                .put("info", gateway.getJsonObject("info"))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("security", new JsonArray().add(new JsonObject().put(BEARER, new JsonArray())))
                .put("tags", new JsonArray(new java.util.ArrayList<>(tags.values())))
                .put("paths", paths)
                .put("components", components);
    }

    /** The service's document with every component name that clashes with a different one renamed. */
    private static JsonObject renameClashes(String service, JsonObject doc, JsonObject merged) {
        JsonObject own = doc.getJsonObject("components");
        if (own == null) {
            return doc;
        }
        Map<String, String> renames = new HashMap<>();
        for (String type : own.fieldNames()) {
            JsonObject existing = merged.getJsonObject(type);
            if (existing == null || "securitySchemes".equals(type)) {
                continue;
            }
            for (String name : own.getJsonObject(type).fieldNames()) {
                Object theirs = existing.getValue(name);
                if (theirs != null && !theirs.equals(own.getJsonObject(type).getValue(name))) {
                    renames.put("#/components/" + type + "/" + name, prefix(service) + name);
                }
            }
        }
        if (renames.isEmpty()) {
            return doc;
        }
        String text = doc.encode();
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            String ref = rename.getKey();
            String type = ref.split("/")[2];
            String renamedRef = "#/components/" + type + "/" + rename.getValue();
            text = text.replace("\"" + ref + "\"", "\"" + renamedRef + "\"");
        }
        JsonObject renamed = new JsonObject(text);
        JsonObject components = renamed.getJsonObject("components");
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            String[] parts = rename.getKey().split("/");
            JsonObject ofType = components.getJsonObject(parts[2]);
            ofType.put(rename.getValue(), ofType.remove(parts[3]));
        }
        return renamed;
    }

    private static void addPaths(String service, JsonObject from, JsonObject into) {
        for (String path : from.fieldNames()) {
            JsonObject item = from.getJsonObject(path).copy();
            for (String method : item.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonObject operation = item.getJsonObject(method);
                operation.put("x-service", service);
                JsonArray security = operation.getJsonArray("security");
                if (security != null && !security.isEmpty()) {
                    // the service's own scheme (OIDC discovery) becomes the shared bearer scheme
                    operation.put("security", new JsonArray().add(new JsonObject().put(BEARER, new JsonArray())));
                }
            }
            JsonObject existing = into.getJsonObject(path);
            if (existing == null) {
                into.put(path, item);
            } else {
                for (String method : item.fieldNames()) {
                    if (existing.containsKey(method)) {
                        Log.warnf("OpenAPI: %s %s of %s is already described; the first one is kept", method,
                                path, service);
                    } else {
                        existing.put(method, item.getValue(method));
                    }
                }
            }
        }
    }

    private static void addTags(JsonArray from, Map<String, JsonObject> into) {
        if (from == null) {
            return;
        }
        for (Object tag : from) {
            if (tag instanceof JsonObject t && t.getString("name") != null) {
                into.putIfAbsent(t.getString("name"), t);
            }
        }
    }

    /** "bulk-purchase-service" → "BulkPurchase". */
    static String prefix(String service) {
        StringBuilder prefix = new StringBuilder();
        Set<String> words = new LinkedHashSet<>(java.util.List.of(service.split("-")));
        words.remove("service");
        for (String word : words) {
            prefix.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return prefix.toString();
    }
}
