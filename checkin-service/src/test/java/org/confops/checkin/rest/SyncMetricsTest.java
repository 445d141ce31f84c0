package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The door's counters count every item of an upload once, however many a transaction carries. */
@QuarkusTest
class SyncMetricsTest {

    @Inject
    MeterRegistry registry;

    @Test
    void anUploadOfManyChunksCountsEachItemAndEachScanOnce() {
        ConferenceRef conference = conference();
        List<AttendeeRef> people = List.of(attendee(conference, "paid"), attendee(conference, "paid"),
                attendee(conference, "paid"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            items.add(Map.of("nonce", UUID.randomUUID().toString(), "type", "scan",
                    "access_code", people.get(i % 3).accessCode(), "station", "Door " + (i % 2)));
        }
        items.add(Map.of("nonce", UUID.randomUUID().toString(), "type", "scan", "access_code", "NOBODY99"));
        items.add(items.get(0)); // the first item again, in a later chunk: replayed

        given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON).body(Map.of("items", items))
                .post(conference.base() + "/sync").then().statusCode(200);

        assertThat(count("confops.checkin.sync.items", conference, "outcome", "applied")).isEqualTo(401);
        assertThat(count("confops.checkin.sync.items", conference, "outcome", "replayed")).isEqualTo(1);
        assertThat(count("confops.checkin.scans", conference, "result", "accepted")).isEqualTo(400);
        assertThat(count("confops.checkin.scans", conference, "reason", "unknown_code")).isEqualTo(1);
    }

    private double count(String name, ConferenceRef conference, String tag, String value) {
        return registry.find(name).tag("conference", conference.slug()).tag(tag, value).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
