package org.confops.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The documented event examples of {@code contracts/examples/}, for both sides' contract tests: consumers
 * publish them through the real broker, producers compare what they publish field by field.
 */
public final class ContractExamples {

    private static final Path EXAMPLES = Path.of("..", "contracts", "examples");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractExamples() {
    }

    /** The example of {@code type}: {@code topic}, {@code key}, {@code type}, {@code source}, {@code data}. */
    public static JsonNode example(String type) {
        try {
            return MAPPER.readTree(Files.readString(EXAMPLES.resolve(type + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes the example of {@code type} as its producer would (topic, key, type; a fresh event id). */
    public static JsonNode publish(String type) {
        JsonNode example = example(type);
        PlatformEvents.publish(example.get("topic").asText(), example.get("key").asText(), type,
                example.get("data").toString());
        return example;
    }

    /**
     * For a producer's contract test: waits for the one event of {@code type} that {@code mine} picks on the
     * example's topic, and checks it has exactly the example's fields and source. Returns it for further checks.
     */
    public static PlatformEvents.Received assertPublishedLikeExample(String type,
            Predicate<PlatformEvents.Received> mine) {
        JsonNode documented = example(type);
        List<PlatformEvents.Received> published = PlatformEvents.read(documented.get("topic").asText(),
                r -> type.equals(r.type()) && mine.test(r), 1, Duration.ofSeconds(30));
        if (published.size() != 1) {
            throw new AssertionError(type + ": expected one published event, got " + published.size());
        }
        PlatformEvents.Received event = published.get(0);
        List<String> fields = fieldPaths(event.data()).stream().sorted().toList();
        List<String> documentedFields = fieldPaths(documented.get("data")).stream().sorted().toList();
        if (!fields.equals(documentedFields)) {
            throw new AssertionError(type + ": published fields " + fields + " differ from the example's "
                    + documentedFields);
        }
        String source = event.headers().get("ce_source");
        if (!documented.get("source").asText().equals(source)) {
            throw new AssertionError(type + ": ce_source " + source + ", the example says "
                    + documented.get("source").asText());
        }
        return event;
    }

    /** Every field path of a JSON object ({@code a}, {@code a.b}, {@code items.[].c}), for comparing shapes. */
    public static List<String> fieldPaths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect("", node, paths);
        return paths;
    }

    private static void collect(String prefix, JsonNode node, List<String> paths) {
        if (node.isArray() && node.size() > 0) {
            collect(prefix + "[].", node.get(0), paths);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            paths.add(prefix + field.getKey());
            if (field.getValue().isContainerNode()) {
                collect(prefix + field.getKey() + ".", field.getValue(), paths);
            }
        }
    }
}
