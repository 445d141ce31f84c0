package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.awaitOrderStatus;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.publishOrder;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.confops.checkin.support.Badges;
import org.confops.checkin.support.Badges.Key;
import org.confops.checkin.support.Fixtures;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.confops.testinfra.PlatformEvents;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

/** Signed badges at the door (contracts/badges.md): verified against the keys the catalog published. */
@QuarkusTest
class SignedBadgeTest {

    @Inject
    EntityManager em;

    private static Response scan(ConferenceRef conference, String code) {
        return given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON)
                .body(Map.of("access_code", code, "station", "Door S")).post(conference.base() + "/scan");
    }

    private static JsonPath refusedScans(ConferenceRef conference, String reason) {
        return given().auth().oauth2(volunteerToken(conference))
                .get(conference.base() + "/scans?result=refused&reason=" + reason).then().statusCode(200).extract()
                .jsonPath();
    }

    /** A key of the conference's, published as the catalog's conference.changed (version 2) would. */
    private static Key publishedKey(ConferenceRef conference) {
        Key key = Badges.newKey();
        Badges.publishKeys(conference, 2, key);
        return key;
    }

    /** The full preload, or the changes since {@code cursor}. */
    private static JsonPath preload(ConferenceRef conference, String cursor) {
        return given().auth().oauth2(volunteerToken(conference))
                .get(conference.base() + "/preload" + (cursor == null ? "" : "?since=" + cursor)).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void signedBadgeChecksInItsAttendeeAndLooksUpAsTheCode() {
        ConferenceRef conference = conference();
        Key key = publishedKey(conference);
        AttendeeRef ada = attendee(conference, "paid");
        String badge = Badges.sign(key, conference.slug(), ada.accessCode());

        scan(conference, badge).then().statusCode(200).body("status", equalTo("checked_in"))
                .body("attendee.access_code", equalTo(ada.accessCode()));
        given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/lookup/" + badge).then()
                .statusCode(200).body("attendee.access_code", equalTo(ada.accessCode()));
        // the log names the attendee's code, not the badge's 135 characters
        given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/scans?result=accepted").then()
                .statusCode(200).body("items[0].access_code", equalTo(ada.accessCode()));
    }

    @Test
    void anotherConferencesBadgeOrKeyIsRefused() {
        ConferenceRef here = conference();
        ConferenceRef there = conference();
        Key hereKey = Badges.newKey();
        Key thereKey = Badges.newKey();
        Badges.publishKeys(here, 2, hereKey);
        Badges.publishKeys(there, 2, thereKey);
        AttendeeRef ada = attendee(here, "paid");

        scan(here, Badges.sign(thereKey, there.slug(), ada.accessCode())).then().statusCode(404)
                .body("error", equalTo("Badge is for another conference"));
        // names this conference but is signed with the other's key
        scan(here, Badges.sign(thereKey, here.slug(), ada.accessCode())).then().statusCode(422)
                .body("error", equalTo("Badge signed by an unknown key"));
        assertThat(refusedScans(here, "wrong_conference").getInt("total")).isEqualTo(1);
        assertThat(refusedScans(here, "unknown_key").getList("items.access_code")).containsExactly(ada.accessCode());
    }

    @Test
    void tamperedOrExpiredOrMalformedBadgeIsRefused() {
        ConferenceRef conference = conference();
        Key key = publishedKey(conference);
        AttendeeRef ada = attendee(conference, "paid");
        AttendeeRef bob = attendee(conference, "paid");

        byte[] signed = Base64.getUrlDecoder().decode(Badges.sign(key, conference.slug(), ada.accessCode()));
        String forged = new String(signed, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace(ada.accessCode(), bob.accessCode());
        scan(conference, Base64.getUrlEncoder().withoutPadding().encodeToString(
                forged.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).then().statusCode(422)
                .body("error", equalTo("Badge signature does not verify"));

        Instant now = Instant.now();
        scan(conference, Badges.sign(key, conference.slug(), ada.accessCode(), now.minus(Duration.ofDays(3)),
                now.minus(Duration.ofDays(1)))).then().statusCode(422).body("error", equalTo("Badge is not valid now"));
        scan(conference, Badges.sign(key, conference.slug(), ada.accessCode(), now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3)))).then().statusCode(422);
        scan(conference, "A".repeat(120)).then().statusCode(400).body("error", equalTo("Not a badge this system signed"));

        assertThat(refusedScans(conference, "bad_signature").getList("items.access_code"))
                .containsExactly(bob.accessCode());
        assertThat(refusedScans(conference, "badge_expired").getInt("total")).isEqualTo(2);
        // nobody was checked in by any of them
        given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/lookup/" + ada.accessCode())
                .then().body("attendee.checked_in", equalTo(false));
    }

    @Test
    void refundedAttendeesBadgeIsRefusedAndListedAsRevokedInFullAndIncrementalPreloads() {
        ConferenceRef conference = conference();
        Key key = publishedKey(conference);
        AttendeeRef ada = attendee(conference, "paid");
        AttendeeRef bob = attendee(conference, "paid");
        String cursor = given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/preload")
                .then().statusCode(200).body("revoked", org.hamcrest.Matchers.empty()).extract().path("cursor");

        publishOrder(ada, "refunded", 2);
        awaitOrderStatus(ada, "refunded");
        scan(conference, Badges.sign(key, conference.slug(), ada.accessCode())).then().statusCode(409)
                .body("order_status", equalTo("refunded"));
        scan(conference, Badges.sign(key, conference.slug(), bob.accessCode())).then().statusCode(200);

        JsonPath full = preload(conference, null);
        assertThat(full.getList("revoked.access_code")).containsExactly(ada.accessCode());
        assertThat(full.getString("revoked[0].order_status")).isEqualTo("refunded");
        JsonPath since = preload(conference, cursor);
        assertThat(since.getList("revoked.access_code")).containsExactly(ada.accessCode());
        JsonPath nothingNew = preload(conference, full.getString("cursor"));
        assertThat(nothingNew.getList("revoked")).isEmpty();
    }

    @Test
    void aReissuedBadgesOldCodeAdmitsNobodyAndTravelsAsRevokedInFullAndIncrementalPreloads() {
        ConferenceRef conference = conference();
        Key key = publishedKey(conference);
        AttendeeRef ada = attendee(conference, "paid");
        String lostBadge = Badges.sign(key, conference.slug(), ada.accessCode());
        String cursor = preload(conference, null).getString("cursor");

        // the catalog reissued Ada's badge under a new code: attendee.changed names the old one as revoked
        String newCode = Fixtures.accessCode();
        Map<String, Object> reissued = Fixtures.attendeeData(ada, ada.name(), 2);
        reissued.put("access_code", newCode);
        reissued.put("revoked_access_codes", List.of(ada.accessCode()));
        PlatformEvents.publish("attendees", String.valueOf(ada.id()), "attendee.changed", reissued);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given()
                .auth().oauth2(volunteerToken(conference)).get(conference.base() + "/lookup/" + newCode)
                .statusCode() == 200);

        // the old plain code and the old signed badge are refused as revoked, and logged so; the new code admits
        scan(conference, ada.accessCode()).then().statusCode(409)
                .body("error", equalTo("Badge revoked: it was reissued under a new code"))
                .body("access_code", equalTo(ada.accessCode()));
        scan(conference, lostBadge).then().statusCode(409);
        assertThat(refusedScans(conference, "revoked").getInt("total")).isEqualTo(2);
        scan(conference, Badges.sign(key, conference.slug(), newCode)).then().statusCode(200)
                .body("attendee.access_code", equalTo(newCode));

        JsonPath full = preload(conference, null);
        assertThat(full.getList("revoked.access_code")).containsExactly(ada.accessCode());
        assertThat(full.getString("revoked[0].reason")).isEqualTo("reissued");
        assertThat(full.getString("revoked[0].order_status")).isEqualTo("paid");
        assertThat(full.getList("attendees.access_code")).containsExactly(newCode);
        JsonPath since = preload(conference, cursor);
        assertThat(since.getList("revoked.access_code")).containsExactly(ada.accessCode());
        assertThat(since.getList("attendees.access_code")).containsExactly(newCode);

        // an older snapshot arriving late changes nothing: the old code stays revoked, the new code stays Ada's
        Fixtures.publishAttendee(ada, 1);
        PlatformEvents.awaitConsumed("attendees", String.valueOf(ada.id()), marker -> QuarkusTransaction
                .requiringNew().call(() -> em.createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                        .setParameter(1, marker).getSingleResult()).equals(1L));
        scan(conference, newCode).then().statusCode(200).body("attendee.access_code", equalTo(newCode));
        scan(conference, ada.accessCode()).then().statusCode(409);
    }

    @Test
    void rotatedKeysBadgesKeepVerifyingAndThePreloadShipsEveryKey() {
        ConferenceRef conference = conference();
        Key first = Badges.newKey();
        Badges.publishKeys(conference, 2, first);
        AttendeeRef ada = attendee(conference, "paid");
        AttendeeRef bob = attendee(conference, "paid");
        String printed = Badges.sign(first, conference.slug(), ada.accessCode());
        String etag = given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/preload")
                .then().statusCode(200).extract().header("ETag");

        Key second = Badges.newKey();
        Badges.publishKeys(conference, 3, first.retired(), second);

        scan(conference, printed).then().statusCode(200);
        scan(conference, Badges.sign(second, conference.slug(), bob.accessCode())).then().statusCode(200);
        Response preload = given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/preload");
        preload.then().statusCode(200)
                .body("signing_keys[0].key_id", equalTo((int) first.id()))
                .body("signing_keys[0].algorithm", equalTo("Ed25519"))
                .body("signing_keys[0].public_key",
                        equalTo(Base64.getEncoder().encodeToString(first.pair().getPublic().getEncoded())))
                .body("signing_keys[0].retired_at", org.hamcrest.Matchers.notNullValue())
                .body("signing_keys[1].key_id", equalTo((int) second.id()))
                .body("signing_keys[1].retired_at", org.hamcrest.Matchers.nullValue())
                .body("signing_keys[1].expires_at", equalTo(second.expiresAt().toString()));
        // scanners holding the old preload learn of the new key: the tag changed
        if (etag != null && preload.header("ETag") != null) {
            assertThat(preload.header("ETag")).isNotEqualTo(etag);
        }

        // a key the catalog no longer lists verifies nothing
        Badges.publishKeys(conference, 4, second);
        scan(conference, printed).then().statusCode(422).body("error", equalTo("Badge signed by an unknown key"));
    }
}
