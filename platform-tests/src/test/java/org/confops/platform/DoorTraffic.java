package org.confops.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Live traffic through the gateway while a fault is injected: one client places and pays orders, one scans
 * badges, one hands out t-shirts, each with its own nonce or payment reference. Like a real scanner, a client
 * that gets a 503 (or no answer) sends the same request again, same nonce, until it is answered; what was
 * acknowledged (2xx) is remembered so the test can look for each effect in the databases afterwards.
 */
final class DoorTraffic {

    /** An attendee placed and paid before the traffic starts, with an add-on line of {@code quantity} units. */
    record Attendee(String code, long orderId, long lineItemId, int quantity) {
    }

    /** A payment the catalog acknowledged. */
    record Payment(long orderId, String reference) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PACE = Duration.ofMillis(25);
    /** Hand-outs are slower than scans at a real desk, and so spread over the whole fault. */
    private static final Duration HAND_OUT_PACE = Duration.ofMillis(250);
    /** How long a client keeps retrying one request after the traffic was told to stop. */
    private static final Duration FINISH_WITHIN = Duration.ofSeconds(90);

    private final String api;
    private final String token;
    private final List<Attendee> attendees;
    private final AnswerLog log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running;
    private volatile Instant stoppedAt;

    final Set<Long> placedOrders = ConcurrentHashMap.newKeySet();
    final List<Payment> payments = new CopyOnWriteArrayList<>();
    final Set<String> scanNonces = ConcurrentHashMap.newKeySet();
    final Set<String> redeemNonces = ConcurrentHashMap.newKeySet();
    /** Final answers that were refusals (4xx) where the client expected success. */
    final List<String> refused = new CopyOnWriteArrayList<>();

    DoorTraffic(String gateway, String slug, String token, List<Attendee> attendees, AnswerLog log) {
        this.api = gateway + "/api/conferences/" + slug;
        this.token = token;
        this.attendees = attendees;
        this.log = log;
    }

    void start() {
        running = true;
        clients.add(new Thread(this::placeAndPayOrders, "orders"));
        clients.add(new Thread(this::scanBadges, "scans"));
        clients.add(new Thread(this::handOutShirts, "redemptions"));
        clients.forEach(Thread::start);
    }

    /** Stops the clients; each first finishes the request it is on (retrying it until answered). */
    void stop() throws InterruptedException {
        stoppedAt = Instant.now();
        running = false;
        for (Thread client : clients) {
            client.join(FINISH_WITHIN.plusSeconds(30).toMillis());
        }
    }

    int acknowledged() {
        return placedOrders.size() + payments.size() + scanNonces.size() + redeemNonces.size();
    }

    private void placeAndPayOrders() {
        int n = 0;
        while (running) {
            n++;
            HttpResponse<String> placed = untilAnswered("place order", "POST", api + "/orders", Map.of(
                    "attendee", Map.of("name", "Walk-in " + n, "email", "walkin" + n + "@example.org"),
                    "ticket_type", "regular"));
            if (placed == null || placed.statusCode() != 201) {
                refusedUnlessNull("place order", placed);
                continue;
            }
            long orderId = json(placed).get("id").asLong();
            placedOrders.add(orderId);
            String reference = "psp-" + UUID.randomUUID();
            HttpResponse<String> paid = untilAnswered("pay order", "POST", api + "/orders/" + orderId + "/payments",
                    Map.of("reference", reference));
            if (paid != null && (paid.statusCode() == 201 || paid.statusCode() == 200)) {
                payments.add(new Payment(orderId, reference));
            } else {
                refusedUnlessNull("pay order", paid);
            }
            pause();
        }
    }

    private void scanBadges() {
        int n = 0;
        while (running) {
            Attendee attendee = attendees.get(n++ % attendees.size());
            String nonce = UUID.randomUUID().toString();
            HttpResponse<String> scanned = untilAnswered("scan", "POST", api + "/checkin/scan",
                    Map.of("access_code", attendee.code(), "station", "Door A", "nonce", nonce));
            if (scanned != null && scanned.statusCode() == 200) {
                scanNonces.add(nonce);
            } else {
                refusedUnlessNull("scan", scanned);
            }
            pause();
        }
    }

    private void handOutShirts() {
        for (Attendee attendee : attendees) {
            for (int unit = 0; unit < attendee.quantity() && running; unit++) {
                String nonce = UUID.randomUUID().toString();
                HttpResponse<String> redeemed = untilAnswered("redeem", "POST", api + "/checkin/redeem",
                        Map.of("access_code", attendee.code(), "line_item_id", attendee.lineItemId(), "nonce", nonce));
                if (redeemed != null && redeemed.statusCode() == 200) {
                    redeemNonces.add(nonce);
                } else {
                    refusedUnlessNull("redeem", redeemed);
                }
                sleep(HAND_OUT_PACE);
            }
        }
    }

    /**
     * Sends the request until it gets an answer that is not a 503 (the same request: same nonce, same
     * reference), as a scanner's queue does. Null when it never got one within the time allowed after stop.
     */
    HttpResponse<String> untilAnswered(String what, String method, String url, Object body) {
        while (true) {
            try {
                Instant sent = Instant.now();
                HttpResponse<String> response = http.send(request(method, url, body),
                        HttpResponse.BodyHandlers.ofString());
                log.record(what, sent, response);
                if (response.statusCode() != 503) {
                    return response;
                }
            } catch (java.io.IOException e) {
                log.failed(what, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            Instant stopped = stoppedAt;
            if (stopped != null && Instant.now().isAfter(stopped.plus(FINISH_WITHIN))) {
                return null;
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private HttpRequest request(String method, String url, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void refusedUnlessNull(String what, HttpResponse<String> response) {
        refused.add(what + " → " + (response == null ? "never answered" : response.statusCode() + " " + response.body()));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }

    private static void pause() {
        sleep(PACE);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
