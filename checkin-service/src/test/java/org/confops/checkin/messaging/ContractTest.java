package org.confops.checkin.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Check-in's side of contracts/events.md: the documented examples of what it consumes, sent through the
 * broker, produce the documented effect; what it publishes has exactly the documented example's fields.
 */
@QuarkusTest
class ContractTest {

    private static final Path EXAMPLES = Path.of("..", "contracts", "examples");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode example(String type) throws IOException {
        return MAPPER.readTree(Files.readString(EXAMPLES.resolve(type + ".json")));
    }

    private static void publish(JsonNode example) {
        PlatformEvents.publish(example.get("topic").asText(), example.get("key").asText(),
                example.get("type").asText(), example.get("data").toString());
    }

    @Test
    void consumedExamplesMakeTheExampleAttendeeScannableAndProducedEventsMatchTheirExamples() throws IOException {
        publish(example("conference.changed"));
        publish(example("order.changed"));
        JsonNode attendee = example("attendee.changed");
        publish(attendee);
        String slug = example("conference.changed").get("data").get("slug").asText();
        String code = attendee.get("data").get("access_code").asText();
        String token = TestTokens.token("contract", "superuser");
        String base = "/api/conferences/" + slug + "/checkin";
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token)
                .get(base + "/lookup/" + code).statusCode() == 200);

        given().auth().oauth2(token).get(base + "/lookup/" + code).then().statusCode(200)
                .body("attendee.name", org.hamcrest.Matchers.equalTo("Ada Lovelace"))
                .body("attendee.ticket_type", org.hamcrest.Matchers.equalTo("Regular ticket"))
                .body("order_status", org.hamcrest.Matchers.equalTo("paid"))
                .body("redeemable[0].line_item_id", org.hamcrest.Matchers.equalTo(9302))
                .body("redeemable[0].quantity", org.hamcrest.Matchers.equalTo(3));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("access_code", code))
                .post(base + "/scan").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("access_code", code, "line_item_id", 9302))
                .post(base + "/redeem").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("access_code", code, "type", "exit"))
                .post(base + "/scan").then().statusCode(200);

        for (String type : List.of("attendee.checked-in", "attendee.product-redeemed", "attendee.checked-out")) {
            JsonNode documented = example(type);
            List<Received> published = PlatformEvents.read(documented.get("topic").asText(),
                    r -> documented.get("key").asText().equals(r.key()) && type.equals(r.type()), 1,
                    Duration.ofSeconds(30));
            assertThat(published).as(type).hasSize(1);
            assertThat(fieldPaths(published.get(0).data())).as(type)
                    .containsExactlyInAnyOrderElementsOf(fieldPaths(documented.get("data")));
            assertThat(published.get(0).headers().get("ce_source")).isEqualTo(documented.get("source").asText());
        }
    }

    private static List<String> fieldPaths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect("", node, paths);
        return paths;
    }

    private static void collect(String prefix, JsonNode node, List<String> paths) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            paths.add(prefix + field.getKey());
            if (field.getValue().isObject()) {
                collect(prefix + field.getKey() + ".", field.getValue(), paths);
            }
        }
    }
}
