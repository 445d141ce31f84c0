package org.confops.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A real OTLP/HTTP trace receiver (protobuf, as a collector's port 4318 takes it) for the test run: the services
 * and the gateway export their spans here, and tests read them back.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span, flattened: which service sent it and how it hangs in its trace. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            String kind, List<KeyValue> attributes) {

        String attribute(String key) {
            return attributes.stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue)
                    .map(ReceivedSpan::text).findFirst().orElse(null);
        }

        private static String text(AnyValue value) {
            return switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> String.valueOf(value.getIntValue());
                case BOOL_VALUE -> String.valueOf(value.getBoolValue());
                case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
                default -> value.toString();
            };
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", receiver::receive);
        server.start();
        return receiver;
    }

    /** Where an exporter sends (OTLP/HTTP appends {@code /v1/traces} itself where it should). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return new ArrayList<>(spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name"))
                        .map(a -> a.getValue().getStringValue()).findFirst().orElse("?");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service,
                            hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                            hex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name(),
                            span.getAttributesList())));
                }
            }
            byte[] answer = ExportTraceServiceRequest.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
        } catch (IOException | RuntimeException | LinkageError e) {
            // a receiver that cannot read what it is sent must say so in the test's output, not only to the exporter
            System.err.println("OTLP receiver could not read an export: " + e);
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
