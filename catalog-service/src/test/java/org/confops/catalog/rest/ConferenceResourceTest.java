package org.confops.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.catalog.support.Catalog.as;
import static org.confops.catalog.support.Catalog.conference;
import static org.confops.catalog.support.Catalog.conferenceBody;
import static org.confops.catalog.support.Catalog.organizer;
import static org.confops.catalog.support.Catalog.superuser;
import static org.confops.catalog.support.Catalog.uniqueSlug;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.time.Duration;
import java.util.Map;

import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ConferenceResourceTest {

    @Test
    void superuserCreatesAConferenceAndItsSnapshotIsPublished() {
        String slug = uniqueSlug("pycon");

        long id = as(superuser()).body(conferenceBody(slug)).post("/api/conferences")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/conferences/" + slug))
                .body("slug", equalTo(slug))
                .body("start_date", equalTo("2027-06-01"))
                .body("time_zone", equalTo("Europe/Berlin"))
                .extract().jsonPath().getLong("id");

        var events = PlatformEvents.read("catalog", r -> String.valueOf(id).equals(r.key())
                && "conference.changed".equals(r.type()), 1, Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).data().get("slug").asText()).isEqualTo(slug);
        assertThat(events.get(0).data().get("version").asLong()).isEqualTo(1);
        assertThat(events.get(0).headers()).containsEntry("ce_source", "/catalog-service");
    }

    @Test
    void onlyASuperuserCreatesConferences() {
        String slug = uniqueSlug("nope");
        as(organizer(slug)).body(conferenceBody(slug)).post("/api/conferences").then().statusCode(403)
                .body("error", equalTo("Only a superuser may do this"));
        given().contentType(ContentType.JSON).body(conferenceBody(slug)).post("/api/conferences")
                .then().statusCode(401).body("error", equalTo("Authentication required"));
        as(TestTokens.tokenForAudience("some-other-app", "admin", "superuser")).body(conferenceBody(slug))
                .post("/api/conferences").then().statusCode(401);
        given().auth().oauth2(superuser()).get("/api/conferences/" + slug).then().statusCode(404)
                .body("error", equalTo("Conference not found"));
    }

    @Test
    void duplicateSlugIsAConflict() {
        String slug = conference();
        as(superuser()).body(conferenceBody(slug)).post("/api/conferences").then().statusCode(409)
                .body("field", equalTo("slug"));
    }

    @Test
    void invalidConferencesAreRefusedNamingTheFields() {
        Map<String, Object> body = conferenceBody("Bad Slug!");
        body.put("end_date", "2027-05-01");
        body.put("time_zone", "Mars/Olympus");
        body.remove("name");

        as(superuser()).body(body).post("/api/conferences").then().statusCode(400)
                .body("error", equalTo("Validation failed"))
                .body("fields", hasKey("slug"))
                .body("fields", hasKey("name"))
                .body("fields.end_date", equalTo("must not be before start_date"))
                .body("fields", hasKey("time_zone"));
        as(superuser()).body("{\"slug\": ").post("/api/conferences").then().statusCode(400)
                .body("error", equalTo("Invalid JSON body"));
        as(superuser()).body("").post("/api/conferences").then().statusCode(400)
                .body("error", equalTo("Request body is required"));
        Map<String, Object> badDate = conferenceBody(uniqueSlug("date"));
        badDate.put("start_date", "June first");
        as(superuser()).body(badDate).post("/api/conferences").then().statusCode(400)
                .body("error", equalTo("Invalid value")).body("field", equalTo("start_date"));
    }

    @Test
    void organizerUpdatesTheirConferenceButNotItsSlugNorAnotherConference() {
        String slug = conference();
        String other = conference();
        Map<String, Object> changed = conferenceBody(slug);
        changed.put("name", "Renamed");

        as(organizer(slug)).body(changed).put("/api/conferences/" + slug).then().statusCode(200)
                .body("name", equalTo("Renamed"));
        Map<String, Object> moved = conferenceBody("another-slug");
        as(organizer(slug)).body(moved).put("/api/conferences/" + slug).then().statusCode(422)
                .body("field", equalTo("slug"));
        as(organizer(slug)).body(conferenceBody(other)).put("/api/conferences/" + other).then().statusCode(403);
        as(TestTokens.token("desk", "conference:" + slug + ":view_checkin")).body(changed)
                .put("/api/conferences/" + slug).then().statusCode(403);
    }

    @Test
    void listShowsOnlyConferencesTheCallerHasRolesOn() {
        String mine = conference();
        String theirs = conference();

        var slugs = given().auth().oauth2(TestTokens.token("desk", "conference:" + mine + ":view_checkin"))
                .get("/api/conferences").then().statusCode(200).extract().jsonPath().getList("slug");
        assertThat(slugs).contains(mine).doesNotContain(theirs);
        var all = given().auth().oauth2(superuser()).get("/api/conferences").then().statusCode(200)
                .extract().jsonPath().getList("slug");
        assertThat(all).contains(mine, theirs);
    }
}
