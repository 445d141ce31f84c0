package org.confops.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The door benchmark's load generator: scans of random seeded badges posted to the gateway, each answered with its
 * HTTP status. It shares the two cores with the stack it measures, so it should cost as little as pgbench's own
 * client does. {@code -Dbench.client=vertx} (the default): one Vert.x event loop, HTTP/1.1 keep-alive, one
 * connection per scanner in flight, as browsers over plain HTTP. {@code -Dbench.client=jdk}: the JDK's
 * {@link HttpClient}, as every row before 2026-11-26 23:38 measured; it spent 0.26–0.30 ms of CPU per scan, about as
 * much as the gateway it called.
 */
abstract sealed class DoorScanners implements AutoCloseable {

    /** {@code 2}: the JDK client upgrades to h2c and multiplexes every scanner on one connection (rows of 08:48). */
    static final HttpClient.Version JDK_PROTOCOL = "2".equals(System.getProperty("bench.http", "1.1"))
            ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;

    static DoorScanners open(URI scan, int attendees, int connections) {
        return "jdk".equals(System.getProperty("bench.client", "vertx")) ? new Jdk(scan, attendees)
                : new VertxScanners(scan, attendees, connections);
    }

    final URI scan;
    private final int attendees;

    private DoorScanners(URI scan, int attendees) {
        this.scan = scan;
        this.attendees = attendees;
    }

    /** What the report says the scanners were. */
    abstract String describe();

    /** One scan of a random badge; completes with the answer's status (the body read and dropped). */
    abstract CompletableFuture<Integer> scan(String token);

    String body() {
        int n = ThreadLocalRandom.current().nextInt(1, attendees + 1);
        return "{\"access_code\":\"D" + String.format("%07d", n) + "\",\"station\":\"Door B\"}";
    }

    @Override
    public void close() {
    }

    private static final class Jdk extends DoorScanners {

        private final HttpClient http = HttpClient.newBuilder().version(JDK_PROTOCOL)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Jdk(URI scan, int attendees) {
            super(scan, attendees);
        }

        @Override
        String describe() {
            return "the JDK's HttpClient, " + JDK_PROTOCOL;
        }

        @Override
        CompletableFuture<Integer> scan(String token) {
            HttpRequest request = HttpRequest.newBuilder(scan).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body())).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
        }
    }

    private static final class VertxScanners extends DoorScanners {

        private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        private final io.vertx.core.http.HttpClient http;
        /** The scan's path, sent to the client's default host and port: no address parsed per scan. */
        private final String path;

        VertxScanners(URI scan, int attendees, int connections) {
            super(scan, attendees);
            http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000)
                    .setDefaultHost(scan.getHost()).setDefaultPort(scan.getPort()),
                    new PoolOptions().setHttp1MaxSize(connections));
            path = scan.getRawPath();
        }

        @Override
        String describe() {
            return "Vert.x HTTP client, HTTP/1.1 keep-alive, one event loop";
        }

        @Override
        CompletableFuture<Integer> scan(String token) {
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                    .setIdleTimeout(30_000).putHeader("Content-Type", "application/json")
                    .putHeader("Authorization", "Bearer " + token);
            Buffer body = Buffer.buffer(body());
            return http.request(request)
                    .compose(sent -> sent.send(body))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .toCompletionStage().toCompletableFuture();
        }

        @Override
        public void close() {
            http.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
        }
    }
}
