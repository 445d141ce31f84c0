package org.confops.platform;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every answer a fault test's clients saw, by status, and every answer that was not clean: a 5xx other than a
 * 503 whose body is the platform's JSON error (with {@code Retry-After} when it comes from the service itself),
 * or a client-side failure to get any answer from the gateway.
 */
final class AnswerLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final List<String> unclean = new CopyOnWriteArrayList<>();
    private final AtomicInteger gatewayUnavailable = new AtomicInteger();
    private final List<Unavailable> unavailable = new CopyOnWriteArrayList<>();

    /** One 503 as a client saw it: when the request went out and when its answer came, so a late one can be told. */
    record Unavailable(Instant sent, Instant answered, String what, String body) {
        @Override
        public String toString() {
            return what + " sent " + sent + " answered " + answered + ": " + body;
        }
    }

    void record(String what, Instant sent, HttpResponse<String> response) {
        int status = response.statusCode();
        byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status < 500) {
            return;
        }
        JsonNode body = parse(response.body());
        if (status != 503 || body == null || !body.hasNonNull("error")) {
            unclean.add(what + " → " + status + " " + abbreviate(response.body()));
            return;
        }
        unavailable.add(new Unavailable(sent, Instant.now(), what, abbreviate(response.body())));
        if (body.hasNonNull("service")) {
            gatewayUnavailable.incrementAndGet(); // the gateway's own answer for a service it cannot reach
        } else if (response.headers().firstValue("Retry-After").isEmpty()) {
            unclean.add(what + " → 503 without Retry-After " + abbreviate(response.body()));
        }
    }

    void failed(String what, Exception e) {
        unclean.add(what + " → no answer from the gateway: " + e);
    }

    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> copy = new TreeMap<>();
        byStatus.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    List<String> unclean() {
        return List.copyOf(unclean);
    }

    int count(int status) {
        AtomicInteger count = byStatus.get(status);
        return count == null ? 0 : count.get();
    }

    int gatewayUnavailable() {
        return gatewayUnavailable.get();
    }

    /** From the first 503 to the last one (zero if none). */
    Duration unavailableSpan() {
        return unavailable.isEmpty() ? Duration.ZERO : Duration.between(
                unavailable.stream().map(Unavailable::answered).min(Instant::compareTo).orElseThrow(), last503());
    }

    /** When the last 503 was answered; null if none was. */
    Instant last503() {
        return unavailable.stream().map(Unavailable::answered).max(Instant::compareTo).orElse(null);
    }

    /** The 503s to requests sent after the given moment. */
    List<Unavailable> unavailableSentAfter(Instant moment) {
        return unavailable.stream().filter(u -> u.sent().isAfter(moment)).toList();
    }

    /** The 503s answered after the given moment, for a failure message that shows which requests they were. */
    List<Unavailable> unavailableAfter(Instant moment) {
        return unavailable.stream().filter(u -> u.answered().isAfter(moment)).toList();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
