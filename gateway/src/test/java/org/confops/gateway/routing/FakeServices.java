package org.confops.gateway.routing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stand-ins for catalog-service and checkin-service that echo what reached them (path, headers, body size),
 * and an address where bulk-purchase-service is down. The real services behind the real gateway are
 * tested end to end in platform-tests.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    /** Size of the body {@code /stream} answers with. */
    public static final int STREAM_BYTES = 64 * 1024 * 1024;

    private HttpServer catalog;
    private HttpServer catalogSecond;
    private HttpServer checkin;

    @Override
    public Map<String, String> start() {
        try {
            catalog = echo("catalog-service", "catalog-1");
            catalogSecond = echo("catalog-service", "catalog-2");
            checkin = echo("checkin-service", "checkin-1");
            int closedPort;
            try (var socket = new java.net.ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            // catalog-service has three instances, one of them down: requests take turns and skip the dead one
            return Map.of(
                    "gateway.catalog", "http://127.0.0.1:" + catalog.getAddress().getPort() + ",http://127.0.0.1:"
                            + closedPort + ",http://127.0.0.1:" + catalogSecond.getAddress().getPort(),
                    "gateway.checkin", "http://127.0.0.1:" + checkin.getAddress().getPort(),
                    "gateway.bulk-purchase", "http://127.0.0.1:" + closedPort,
                    "gateway.max-body-size", "64K",
                    "gateway.scan-throttle.max-unknown", "5");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        catalog.stop(0);
        catalogSecond.stop(0);
        checkin.stop(0);
    }

    /** Echoes the request; a scan whose body names {@code UNKNOWN} is a 404, as for a code no attendee has. */
    private static HttpServer echo(String name, String instance) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            HITS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            HITS.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
            if (exchange.getRequestURI().getPath().endsWith("/stats/stream")) {
                events(exchange);
                return;
            }
            if (exchange.getRequestURI().getPath().endsWith("/stream")) {
                stream(exchange);
                return;
            }
            if (exchange.getRequestURI().getPath().startsWith("/q/health")) {
                respond(exchange, 200, "{\"status\":\"UP\"}");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith("/scan")
                    && new String(body, StandardCharsets.UTF_8).contains("UNKNOWN")) {
                respond(exchange, 404, "{\"error\":\"Attendee not found\"}");
                return;
            }
            String json = String.format(
                    "{\"service\":\"%s\",\"instance\":\"%s\",\"method\":\"%s\",\"uri\":\"%s\",\"authorization\":\"%s\","
                            + "\"request_id\":\"%s\",\"body\":\"%s\"}",
                    name, instance, exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Request-Id"),
                    new String(body, StandardCharsets.UTF_8).replace("\"", "'"));
            respond(exchange, 200, json);
        });
        server.start();
        return server;
    }

    private static void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (int sent = 0; sent < STREAM_BYTES; sent += chunk.length) {
                out.write(chunk);
            }
        }
    }

    /** Seconds between the two events of {@code /stats/stream}, with a heartbeat comment every second. */
    public static final int EVENT_GAP_SECONDS = 5;

    /** A server-sent events stream as checkin-service's statistics send it: event, heartbeats, event. */
    private static void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("event: stats\ndata: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int second = 0; second < EVENT_GAP_SECONDS; second++) {
                Thread.sleep(1000);
                out.write(":keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("event: stats\ndata: {\"n\":2}\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
