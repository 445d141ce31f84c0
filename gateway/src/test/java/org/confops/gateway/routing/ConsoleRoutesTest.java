package org.confops.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.confops.testinfra.OidcServerResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = OidcServerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeServices.class, scope = TestResourceScope.GLOBAL)
class ConsoleRoutesTest {

    @Test
    void consolePageItsBundleAndSwaggerUiAreServedWithoutAToken() {
        given().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Organizer console")).body(containsString("aria-live"));
        given().get("/console/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(not(containsString("https://cdn.")));
        given().get("/console/styles.css").then().statusCode(200);
        given().get("/console/api-docs/").then().statusCode(200).body(containsString("swagger-ui-bundle.js"));
        given().get("/console/api-docs/swagger-ui-bundle.js").then().statusCode(200);
        given().get("/console/api-docs/initializer.js").then().statusCode(200)
                .body(containsString("url: '/q/openapi'")).body(containsString("validatorUrl: null"));
    }

    @Test
    void consoleConfigTellsTheBrowserWhereToSignIn() {
        given().get("/console/config.json").then().statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("client_id", equalTo("confops-console"))
                .body("oidc_authority", not(emptyOrNullString()));
    }

    @Test
    void bareConsoleAndSwaggerUiPathsRedirect() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", containsString("/console/"));
        given().redirects().follow(false).get("/q/swagger-ui").then().statusCode(302)
                .header("Location", containsString("/console/api-docs/"));
    }

    @Test
    void mergedOpenApiNamesTheServiceItCannotReach() {
        // the stand-in bulk-purchase-service is down: no partial document, a 503 that says which
        given().get("/q/openapi").then().statusCode(503).contentType(ContentType.JSON)
                .body("error", equalTo("Service unavailable"))
                .body("service", equalTo("bulk-purchase-service"));
    }
}
