package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * "Order paid → attendee scannable" is one trace, exported by every process to a real OTLP receiver: the gateway's
 * request, catalog-service handling it, the relay publishing the event to Kafka, and checkin-service applying it.
 */
class TracingEndToEndTest {

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.get();
    }

    private static String gateway(String path) {
        return platform.url(Platform.Service.GATEWAY) + path;
    }

    @Test
    void aPaymentIsOneTraceFromTheGatewayThroughKafkaToCheckIn() {
        String slug = "trace-" + System.currentTimeMillis();
        String admin = platform.login("admin");
        Arrange.conferenceWithRegularTicket(gateway(""), admin, slug, "Traced Conf");
        JsonPath order = Arrange.regularOrder(gateway(""), admin, slug, "Grace Hopper", "grace@example.org");

        String requestId = "trace-test-" + UUID.randomUUID();
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("X-Request-Id", requestId)
                .body(Map.of("reference", "psp-traced"))
                .post(gateway("/api/conferences/" + slug + "/orders/" + order.getLong("id") + "/payments"))
                .then().statusCode(201).header("X-Request-Id", requestId);

        // The gateway's own server span names the request id; its trace is the one to follow.
        String traceId = traceOf("gateway", requestId);

        // ... through the service and the relay's publish to the consumer's apply, each the child of the one before.
        List<OtlpReceiver.ReceivedSpan> trace = await().atMost(Duration.ofSeconds(30))
                .until(() -> platform.traces().trace(traceId), spans -> Stream.of("checkin-service:orders process",
                        "catalog-service:orders publish").allMatch(wanted -> spans.stream()
                                .anyMatch(span -> (span.service() + ":" + span.name()).equals(wanted))));
        OtlpReceiver.ReceivedSpan apply = only(trace, "checkin-service", "orders process");
        assertThat(apply.kind()).isEqualTo("SPAN_KIND_CONSUMER");
        assertThat(apply.attribute("cloudevents.event_type")).contains("order.changed");
        assertThat(apply.attribute("messaging.consumer.group.name")).isEqualTo("orders-in");

        OtlpReceiver.ReceivedSpan publish = parentOf(trace, apply);
        assertThat(publish.service()).isEqualTo("catalog-service");
        assertThat(publish.name()).isEqualTo("orders publish");
        assertThat(publish.kind()).isEqualTo("SPAN_KIND_PRODUCER");

        OtlpReceiver.ReceivedSpan handled = parentOf(trace, publish);
        while (!handled.kind().equals("SPAN_KIND_SERVER")) {
            handled = parentOf(trace, handled);
        }
        assertThat(handled.service()).isEqualTo("catalog-service");
        assertThat(handled.attribute("http.request.header.x-request-id")).isEqualTo(requestId);

        OtlpReceiver.ReceivedSpan forwarded = parentOf(trace, handled);
        assertThat(forwarded.service()).isEqualTo("gateway");
        assertThat(trace).extracting(OtlpReceiver.ReceivedSpan::service)
                .contains("gateway", "catalog-service", "checkin-service");
    }

    @Test
    void aReadWithoutEventsIsTracedAndLeavesNoPublishSpan() {
        String requestId = "trace-read-" + UUID.randomUUID();
        given().auth().oauth2(platform.login("admin")).header("X-Request-Id", requestId)
                .get(gateway("/api/conferences")).then().statusCode(200);

        String traceId = traceOf("catalog-service", requestId);
        assertThat(platform.traces().trace(traceId))
                .noneMatch(span -> span.kind().equals("SPAN_KIND_PRODUCER"));
    }

    /** The trace of the request with this id, as the service's server span names it. */
    private static String traceOf(String service, String requestId) {
        try {
            return await().atMost(Duration.ofSeconds(30)).until(() -> platform.traces().spans().stream()
                    .filter(span -> span.service().equals(service) && span.kind().equals("SPAN_KIND_SERVER"))
                    .filter(span -> requestId.equals(span.attribute("http.request.header.x-request-id")))
                    .map(OtlpReceiver.ReceivedSpan::traceId).findFirst(), Optional::isPresent).orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + service + " server span for request " + requestId + " among "
                    + platform.traces().spans().stream().map(span -> span.service() + ":" + span.kind() + ":"
                            + span.name() + span.attributes().stream().map(a -> a.getKey()).toList()).toList(), e);
        }
    }

    private static OtlpReceiver.ReceivedSpan only(List<OtlpReceiver.ReceivedSpan> trace, String service,
            String name) {
        List<OtlpReceiver.ReceivedSpan> matching = trace.stream()
                .filter(span -> span.service().equals(service) && span.name().equals(name)).toList();
        assertThat(matching).as("%s span '%s' in %s", service, name, describe(trace)).hasSize(1);
        return matching.get(0);
    }

    private static OtlpReceiver.ReceivedSpan parentOf(List<OtlpReceiver.ReceivedSpan> trace,
            OtlpReceiver.ReceivedSpan child) {
        return trace.stream().filter(span -> span.spanId().equals(child.parentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no parent of " + child.service() + " '" + child.name()
                        + "' in " + describe(trace)));
    }

    private static String describe(List<OtlpReceiver.ReceivedSpan> trace) {
        return trace.stream().map(span -> span.service() + ":" + span.kind() + ":" + span.name() + "(" + span.spanId()
                + "<-" + span.parentSpanId() + ")").toList().toString();
    }
}
