package org.confops.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.confops.platform.events.EventSource;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Records that can never be applied go to {@code <topic>.dlq}, unchanged (value, key and headers) plus headers
 * saying why, which consumer refused it and where it was read, so the partition moves on and nothing is lost.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String SUFFIX = ".dlq";
    public static final String REASON = "dlq_reason";
    public static final String CONSUMER = "dlq_consumer";
    public static final String ORIGIN = "dlq_origin";

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @Channel("dead-letters")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    @Inject
    EventSource source;

    /** Sends and waits for the broker's acknowledgement (a failure here is retried with the batch). */
    public void send(InboxRecord record, String consumer, String reason) {
        Log.errorf("Dead letter from %s for %s: %s", record.position(), consumer, reason);
        Headers headers = new RecordHeaders();
        record.headers().forEach(header -> headers.add(header.key(), header.value()));
        headers.add(REASON, bytes(reason));
        headers.add(CONSUMER, bytes(source.uri() + "#" + consumer));
        headers.add(ORIGIN, bytes(record.position()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic() + SUFFIX)
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        emitter.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata))
                .await().atMost(SEND_TIMEOUT);
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
