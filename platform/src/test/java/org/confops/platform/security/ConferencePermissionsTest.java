package org.confops.platform.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Permissions are per conference; change_conference and superuser imply the rest; no token is a 401. */
@QuarkusTest
class ConferencePermissionsTest {

    private static void call(String token, String slug, String permission, int status) {
        given().auth().oauth2(token).get("/test/conferences/" + slug + "/" + permission).then().statusCode(status);
    }

    @Test
    void aPermissionHoldsOnItsConferenceOnly() {
        String volunteer = TestTokens.token("desk", "conference:alpha:view_checkin");
        call(volunteer, "alpha", "VIEW_CHECKIN", 200);
        call(volunteer, "beta", "VIEW_CHECKIN", 403);
        call(volunteer, "alpha", "VIEW_BULK_PURCHASES", 403);
        given().auth().oauth2(volunteer).get("/test/conferences/beta/VIEW_CHECKIN").then()
                .body("error", equalTo("You do not have permission for this conference"));
    }

    @Test
    void changeImpliesViewAndChangeConferenceImpliesEverything() {
        String organizer = TestTokens.token("org", "conference:alpha:change_bulk_purchases");
        call(organizer, "alpha", "VIEW_BULK_PURCHASES", 200);
        call(organizer, "alpha", "MANAGE_CATALOG", 403);
        String owner = TestTokens.token("owner", "conference:alpha:change_conference");
        for (Permission permission : Permission.values()) {
            call(owner, "alpha", permission.name(), 200);
            call(owner, "beta", permission.name(), 403);
        }
        call(TestTokens.token("root", "superuser"), "anything", "MANAGE_CATALOG", 200);
    }

    @Test
    void theActorIsTheTokensName() {
        given().auth().oauth2(TestTokens.token("desk-7", "conference:alpha:view_checkin"))
                .get("/test/conferences/alpha/VIEW_CHECKIN").then().statusCode(200)
                .body("actor", equalTo(TestTokens.displayName("desk-7")));
    }

    @Test
    void noTokenIsA401Json() {
        given().get("/test/conferences/alpha/VIEW_CHECKIN").then().statusCode(401)
                .body("error", equalTo("Authentication required"));
    }
}
