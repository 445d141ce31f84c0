package org.confops.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.confops.platform.events.EventProducer;
import org.confops.platform.events.EventSource;

import io.quarkus.logging.Log;

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
    EventProducer producer;

    @Inject
    EventSource source;

    /** Sends and waits for the broker's acknowledgement (a failure here is retried with the batch). */
    public void send(InboxRecord record, String consumer, String reason) {
        Log.errorf("Dead letter from %s for %s: %s", record.position(), consumer, reason);
        ProducerRecord<String, String> dead = new ProducerRecord<>(record.topic() + SUFFIX, record.key(),
                record.value());
        Headers headers = dead.headers();
        record.headers().forEach(header -> headers.add(header.key(), header.value()));
        headers.add(REASON, bytes(reason));
        headers.add(CONSUMER, bytes(source.uri() + "#" + consumer));
        headers.add(ORIGIN, bytes(record.position()));
        producer.sendAll(List.of(dead), SEND_TIMEOUT);
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
