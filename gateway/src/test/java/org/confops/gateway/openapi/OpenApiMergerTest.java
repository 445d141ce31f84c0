package org.confops.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The merge itself, checked with a real OpenAPI parser; the real services' documents in platform-tests. */
class OpenApiMergerTest {

    private static JsonObject service(String title, String path, String pageItem) {
        JsonObject page = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("items", new JsonObject().put("type", "array")
                        .put("items", new JsonObject().put("$ref", "#/components/schemas/" + pageItem)))
                .put("total", new JsonObject().put("type", "integer")));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", title).put("version", "1.0"))
                .put("tags", new JsonArray().add(new JsonObject().put("name", title)))
                .put("paths", new JsonObject().put(path, new JsonObject().put("get", new JsonObject()
                        .put("tags", new JsonArray().add(title))
                        .put("security", new JsonArray().add(new JsonObject().put("SecurityScheme", new JsonArray())))
                        .put("parameters", new JsonArray().add(new JsonObject().put("name", "slug").put("in", "path")
                                .put("required", true).put("schema", new JsonObject().put("type", "string"))))
                        .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")
                                .put("content", new JsonObject().put("application/json", new JsonObject()
                                        .put("schema", new JsonObject().put("$ref", "#/components/schemas/PageView")))))))))
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject().put("PageView", page)
                                .put(pageItem, new JsonObject().put("type", "object")))
                        .put("securitySchemes", new JsonObject().put("SecurityScheme", new JsonObject()
                                .put("type", "openIdConnect").put("openIdConnectUrl", "http://127.0.0.1/x"))));
    }

    private static JsonObject gatewayDoc() throws Exception {
        try (InputStream in = OpenApiMerger.class.getResourceAsStream("/openapi/gateway.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void mergedDocumentValidatesAndHoldsEveryServicesPathsUnderOneBearerScheme() throws Exception {
        Map<String, JsonObject> services = new LinkedHashMap<>();
        services.put("catalog-service", service("orders", "/api/conferences/{slug}/orders", "OrderView"));
        services.put("bulk-purchase-service",
                service("bulk purchases", "/api/conferences/{slug}/bulk-purchases", "PurchaseView"));

        JsonObject merged = OpenApiMerger.merge(services, gatewayDoc());

        SwaggerParseResult parsed = new OpenAPIParser().readContents(merged.encode(), null, null);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getPaths()).containsKeys("/api/conferences/{slug}/orders",
                "/api/conferences/{slug}/bulk-purchases", "/q/openapi", "/{slug}/register/checkin/scan/");
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("bearer");
        assertThat(api.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");
        assertThat(api.getPaths().get("/api/conferences/{slug}/orders").getGet().getSecurity())
                .singleElement().satisfies(requirement -> assertThat(requirement).containsOnlyKeys("bearer"));
        assertThat(api.getPaths().get("/q/openapi").getGet().getSecurity()).isEmpty();
        assertThat(api.getTags()).extracting("name").contains("orders", "bulk purchases", "gateway");
    }

    @Test
    void aSchemaNameTwoServicesUseForDifferentShapesIsPrefixedAndItsReferencesFollow() throws Exception {
        Map<String, JsonObject> services = new LinkedHashMap<>();
        services.put("catalog-service", service("orders", "/api/conferences/{slug}/orders", "OrderView"));
        services.put("bulk-purchase-service",
                service("bulk purchases", "/api/conferences/{slug}/bulk-purchases", "PurchaseView"));

        JsonObject merged = OpenApiMerger.merge(services, gatewayDoc());

        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        assertThat(schemas.fieldNames()).contains("PageView", "BulkPurchasePageView", "OrderView", "PurchaseView");
        assertThat(merged.getJsonObject("paths").getJsonObject("/api/conferences/{slug}/bulk-purchases")
                .getJsonObject("get").getJsonObject("responses").getJsonObject("200").encode())
                .contains("#/components/schemas/BulkPurchasePageView");
        assertThat(merged.getJsonObject("paths").getJsonObject("/api/conferences/{slug}/orders")
                .getJsonObject("get").getString("x-service")).isEqualTo("catalog-service");
        SwaggerParseResult parsed = new OpenAPIParser().readContents(merged.encode(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
    }

    @Test
    void prefixNamesTheService() {
        assertThat(OpenApiMerger.prefix("bulk-purchase-service")).isEqualTo("BulkPurchase");
        assertThat(OpenApiMerger.prefix("checkin-service")).isEqualTo("Checkin");
    }
}
