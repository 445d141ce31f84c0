package org.confops.checkin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.confops.checkin.support.Fixtures.attendee;
import static org.confops.checkin.support.Fixtures.conference;
import static org.confops.checkin.support.Fixtures.volunteerToken;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import org.confops.checkin.support.Fixtures.AttendeeRef;
import org.confops.checkin.support.Fixtures.ConferenceRef;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A lighter preload: gzipped when the client accepts it, and a bodiless 304 when nothing changed. */
@QuarkusTest
class PreloadTransferTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL root;

    private HttpResponse<byte[]> get(ConferenceRef conference, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(conference.base()
                .substring(1) + path)).header("Authorization", "Bearer " + volunteerToken(conference));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void preloadIsGzippedOnlyForClientsThatAcceptIt() throws Exception {
        ConferenceRef conference = conference();
        for (int i = 0; i < 20; i++) {
            attendee(conference, "paid");
        }

        HttpResponse<byte[]> gzipped = get(conference, "/preload", "Accept-Encoding", "gzip");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unpacked = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
        JsonNode preload = new ObjectMapper().readTree(unpacked);
        assertThat(preload.get("count").asInt()).isEqualTo(20);
        assertThat(gzipped.body().length).isLessThan(unpacked.length / 2);

        HttpResponse<byte[]> plain = get(conference, "/preload");
        assertThat(plain.headers().firstValue("Content-Encoding").filter(e -> !"identity".equals(e))).isEmpty();
        assertThat(new ObjectMapper().readTree(plain.body()).get("count").asInt()).isEqualTo(20);
    }

    @Test
    void unchangedPreloadIsNotModifiedAndAnyChangeGivesANewTag() throws Exception {
        ConferenceRef conference = conference();
        AttendeeRef ada = attendee(conference, "paid");
        attendee(conference, "paid");

        String tag = awaitTag(conference, "/preload");
        assertThat(tag).startsWith("W/\"");
        HttpResponse<byte[]> unchanged = get(conference, "/preload", "If-None-Match", tag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).hasValue(tag);
        assertThat(get(conference, "/preload", "If-None-Match", "W/\"something-else\"").statusCode()).isEqualTo(200);

        given().auth().oauth2(volunteerToken(conference)).contentType(ContentType.JSON)
                .body(Map.of("access_code", ada.accessCode())).post(conference.base() + "/scan").then().statusCode(200);

        HttpResponse<byte[]> changed = get(conference, "/preload", "If-None-Match", tag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(tag));
        assertThat(new ObjectMapper().readTree(changed.body()).findValuesAsText("checked_in")).contains("true");

        // an incremental preload is tagged too: the same cursor with nothing new is a 304
        String cursor = new ObjectMapper().readTree(changed.body()).get("cursor").asText();
        String incremental = awaitTag(conference, "/preload?since=" + cursor);
        assertThat(incremental).isNotEqualTo(tag);
        await().atMost(Duration.ofSeconds(10)).until(
                () -> get(conference, "/preload?since=" + cursor, "If-None-Match", incremental).statusCode() == 304);
    }

    @Test
    void otherConferencesChangesDoNotChangeTheTag() throws Exception {
        ConferenceRef ours = conference();
        ConferenceRef theirs = conference();
        attendee(ours, "paid");
        String tag = awaitTag(ours, "/preload");

        attendee(theirs, "paid");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> get(ours, "/preload", "If-None-Match", tag).statusCode() == 304);
    }

    /** The tag is withheld while a transaction that might still change the data is open: ask until given. */
    private String awaitTag(ConferenceRef conference, String path) {
        AtomicReference<String> tag = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<byte[]> response = get(conference, path);
            assertThat(response.statusCode()).isEqualTo(200);
            response.headers().firstValue("ETag").ifPresent(tag::set);
            return tag.get() != null;
        });
        return tag.get();
    }
}
