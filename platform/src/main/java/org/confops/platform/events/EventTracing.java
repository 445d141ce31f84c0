package org.confops.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Carries a request's trace across the outbox and Kafka, so "order paid → attendee scannable" is one trace: the
 * outbox row keeps the W3C {@code traceparent} of the request that wrote it; the relay publishes under a span of
 * that trace and puts the span's context in the record's {@code traceparent} header (CloudEvents' distributed
 * tracing extension); a consumer applies under a span whose parent is that header.
 * <p>
 * Spans are per trace and batch, not per record: fulfilling 100 000 codes is one request, and one publish span
 * per relay batch (and one apply span per consumer batch) says as much as 100 000 would. With tracing off nothing
 * is recorded and no header is written.
 */
@ApplicationScoped
public class EventTracing {

    public static final String TRACEPARENT = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    @Inject
    OpenTelemetry openTelemetry;

    private Tracer tracer;

    @PostConstruct
    void init() {
        tracer = openTelemetry.getTracer("org.confops.platform");
    }

    /** The W3C traceparent of the caller's span; null where there is none (tracing off, not in a request). */
    public String currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** A record to publish or one consumed: its topic, its trace context (or null) and its headers. */
    public record Traced(String topic, String traceparent, String eventType, Headers headers) {
    }

    /**
     * Starts the relay's publish spans, one per trace and topic in the batch, each the child of the request that
     * wrote the rows, and puts its context into those records' headers. End them with {@link #end}.
     */
    public List<Span> publishing(List<Traced> records) {
        return start(records, SpanKind.PRODUCER, "publish", null, true);
    }

    /** Starts a consumer's apply spans, one per trace and topic in the batch, each the child of its publish span. */
    public List<Span> applying(String consumer, List<Traced> records) {
        return start(records, SpanKind.CONSUMER, "process", consumer, false);
    }

    /** Ends the spans; a failure marks them as errors. */
    public void end(List<Span> spans, Throwable failure) {
        for (Span span : spans) {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        }
    }

    /** The traceparent header of a consumed record, or null. */
    public static String traceparent(Headers headers) {
        Header header = headers.lastHeader(TRACEPARENT);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<Span> start(List<Traced> records, SpanKind kind, String operation, String consumer,
            boolean inject) {
        Map<String, List<Traced>> byTrace = new LinkedHashMap<>();
        for (Traced record : records) {
            if (record.traceparent() != null) {
                byTrace.computeIfAbsent(record.topic() + ' ' + record.traceparent(), key -> new ArrayList<>())
                        .add(record);
            }
        }
        if (byTrace.isEmpty()) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>(byTrace.size());
        for (List<Traced> group : byTrace.values()) {
            Traced first = group.get(0);
            Context parent = W3C.extract(Context.root(), first.traceparent(), TRACEPARENT_ONLY);
            var builder = tracer.spanBuilder(first.topic() + " " + operation)
                    .setSpanKind(kind)
                    .setParent(parent)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", first.topic())
                    .setAttribute("messaging.operation.name", operation)
                    .setAttribute("messaging.batch.message_count", (long) group.size())
                    .setAttribute("cloudevents.event_type", eventTypes(group, Traced::eventType));
            if (consumer != null) {
                builder.setAttribute("messaging.consumer.group.name", consumer);
            }
            Span span = builder.startSpan();
            spans.add(span);
            if (inject && span.getSpanContext().isValid()) {
                Context context = parent.with(span);
                for (Traced record : group) {
                    record.headers().remove(TRACEPARENT);
                    W3C.inject(context, record.headers(), (headers, key, value) -> headers.add(key,
                            value.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return spans;
    }

    private static String eventTypes(List<Traced> group, Function<Traced, String> type) {
        return group.stream().map(type).distinct().limit(5).reduce((a, b) -> a + "," + b).orElse("");
    }

    /** The stored or received traceparent is the whole carrier. */
    private static final TextMapGetter<String> TRACEPARENT_ONLY = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };
}
