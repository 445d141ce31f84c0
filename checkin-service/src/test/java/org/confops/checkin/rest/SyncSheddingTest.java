package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.confops.checkin.service.SyncGate;
import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Under a reconnection storm the server applies one upload at a time (here), lets one more wait for its turn, and
 * sheds the rest (429 + Retry-After); the device's resend counts once.
 */
@QuarkusTest
@TestProfile(SyncSheddingTest.OneUploadAtATime.class)
class SyncSheddingTest {

    public static class OneUploadAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("checkin.sync.max-concurrent", "1", "checkin.sync.max-waiting", "1",
                    "checkin.sync.queue-wait", "2s", "checkin.sync.retry-after", "3s");
        }
    }

    @Inject
    SyncGate gate;

    @Test
    void anUploadBeyondTheLimitIs429WithRetryAfterAndItsResendIsAppliedOnce() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        Map<String, Object> upload = Map.of("items", List.of(Map.of("nonce", UUID.randomUUID().toString(),
                "type", "scan", "access_code", ada.accessCode(), "station", "Door C")));

        // another device's upload holds the only slot (this one waits its 2 s for it, then is shed)
        gate.run(() -> given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(upload)
                .post(conference.base() + "/sync").then().statusCode(429).header("Retry-After", "3")
                .contentType(ContentType.JSON).body("error", equalTo("Too many uploads at once; retry later"))
                .body("retry_after", equalTo(3)));
        assertThat(given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/stats")
                .then().extract().jsonPath().getLong("checked_in")).as("a shed upload changes nothing").isZero();

        given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(upload)
                .post(conference.base() + "/sync").then().statusCode(200)
                .body("results[0].status", equalTo("checked_in"));
        given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(upload)
                .post(conference.base() + "/sync").then().statusCode(200)
                .body("results[0].status", equalTo("already_processed"));
    }

    @Test
    void anUploadWaitsForTheSlotAndIsAppliedWhenItFrees() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        String token = volunteerToken(conference);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> gate.run(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> upload(conference, token, ada));
        awaitWaiting(1);
        release.countDown();

        Response answered = waiting.get(10, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.jsonPath().getString("results[0].status")).isEqualTo("checked_in");
        other.get(10, TimeUnit.SECONDS);
    }

    @Test
    void withTheWaitingPlaceTakenAnotherUploadIsShedAtOnceAndChangesNothing() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        AttendeeRef bob = attendee(conference, "paid");
        String token = volunteerToken(conference);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> gate.run(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> upload(conference, token, ada));
        awaitWaiting(1);

        Response shed = upload(conference, token, bob);
        assertThat(shed.statusCode()).isEqualTo(429);
        assertThat(shed.header("Retry-After")).isEqualTo("3");
        assertThat(waiting).as("shed without waiting: the one waiting upload is still waiting").isNotDone();

        release.countDown();
        assertThat(waiting.get(10, TimeUnit.SECONDS).jsonPath().getString("results[0].status"))
                .isEqualTo("checked_in");
        other.get(10, TimeUnit.SECONDS);
        assertThat(given().auth().oauth2(token).get(conference.base() + "/stats").then().extract().jsonPath()
                .getLong("checked_in")).as("Ada only: Bob's shed upload changed nothing").isEqualTo(1);
    }

    private static Response upload(ConferenceRef conference, String token, AttendeeRef attendee) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("nonce", UUID.randomUUID().toString(), "type", "scan",
                        "access_code", attendee.accessCode(), "station", "Door C"))))
                .post(conference.base() + "/sync").andReturn();
    }

    private void awaitWaiting(int uploads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.waitingUploads() < uploads) {
            assertThat(System.nanoTime()).as("an upload waiting for the slot").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
