package org.confops.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import org.confops.testinfra.OidcServerResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = OidcServerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeServices.class, scope = TestResourceScope.GLOBAL)
class ScannerRoutesTest {

    @Test
    void scannerPageAndItsBundleAreServedWithoutAToken() {
        given().redirects().follow(false).get("/scanner/").then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("Registration desk"))
                .body(containsString("aria-live"));
        given().get("/scanner/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(not(containsString("https://unpkg.com")));
        given().get("/scanner/styles.css").then().statusCode(200);
    }

    @Test
    void scannerConfigTellsTheBrowserWhereToSignIn() {
        given().get("/scanner/config.json").then().statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("client_id", equalTo("confops-scanner"))
                .body("oidc_authority", not(emptyOrNullString()));
    }

    @Test
    void scannerWithoutSlashRedirectsToThePage() {
        given().redirects().follow(false).get("/scanner").then().statusCode(302)
                .header("Location", containsString("/scanner/"));
    }

    @Test
    void apiStillNeedsATokenNextToThePublicScanner() {
        given().get("/api/conferences/devconf/checkin/preload").then().statusCode(401);
    }
}
