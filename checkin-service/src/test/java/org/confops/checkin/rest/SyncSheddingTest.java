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
import io.restassured.response.ValidatableResponse;

/**
 * Under a reconnection storm the server sheds uploads (429 + Retry-After) beyond the one it applies and the two it
 * lets wait (for 2 s at most); the device's resend counts once.
 */
@QuarkusTest
@TestProfile(SyncSheddingTest.OneUploadAtATime.class)
class SyncSheddingTest {

    public static class OneUploadAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("checkin.sync.max-concurrent", "1", "checkin.sync.retry-after", "3s",
                    "checkin.sync.queue", "2", "checkin.sync.queue-wait", "2s");
        }
    }

    @Inject
    SyncGate gate;

    @Test
    void anUploadBeyondTheLimitIs429WithRetryAfterAndItsResendIsAppliedOnce() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        Map<String, Object> upload = upload(ada);

        // another device's upload holds the only slot for longer than the queue's 2 s
        gate.run(() -> sync(conference, upload).statusCode(429).header("Retry-After", "3")
                .contentType(ContentType.JSON).body("error", equalTo("Too many uploads at once; retry later"))
                .body("retry_after", equalTo(3)));
        assertThat(checkedIn(conference)).as("a shed upload changes nothing").isZero();

        sync(conference, upload).statusCode(200).body("results[0].status", equalTo("checked_in"));
        sync(conference, upload).statusCode(200).body("results[0].status", equalTo("already_processed"));
    }

    @Test
    void anUploadArrivingWhileTheSlotIsTakenWaitsForItInsteadOfBeingShed() {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> gate.run(() -> pause(500)));
        pause(100); // the other device's upload has the slot

        long start = System.nanoTime();
        sync(conference, upload(ada)).statusCode(200).body("results[0].status", equalTo("checked_in"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("waited for the slot")
                .isGreaterThanOrEqualTo(200);
        other.join();
    }

    @Test
    void beyondTheTwoWaitingAnUploadIsShedAtOnce() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> gate.run(() -> await(release)));
        pause(100);
        List<CompletableFuture<Void>> waiting = List.of(CompletableFuture.runAsync(() -> gate.run(() -> null)),
                CompletableFuture.runAsync(() -> gate.run(() -> null)));
        pause(100);

        long start = System.nanoTime();
        sync(conference, upload(ada)).statusCode(429).header("Retry-After", "3");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("not kept waiting")
                .isLessThan(1_500);
        release.countDown();
        running.join();
        waiting.forEach(CompletableFuture::join); // the two that waited had their turn
        assertThat(checkedIn(conference)).as("the shed upload changed nothing").isZero();
    }

    private static ValidatableResponse sync(ConferenceRef conference, Map<String, Object> upload) {
        return given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(upload)
                .post(conference.base() + "/sync").then();
    }

    private static long checkedIn(ConferenceRef conference) {
        return given().auth().oauth2(volunteerToken(conference)).get(conference.base() + "/stats").then().extract()
                .jsonPath().getLong("checked_in");
    }

    private static Map<String, Object> upload(AttendeeRef attendee) {
        return Map.of("items", List.of(Map.of("nonce", UUID.randomUUID().toString(), "type", "scan",
                "access_code", attendee.accessCode(), "station", "Door C")));
    }

    private static Void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static Void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
