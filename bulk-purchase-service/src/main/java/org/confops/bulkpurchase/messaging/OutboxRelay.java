package org.confops.bulkpurchase.messaging;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.bulkpurchase.domain.OutboxEvent;
import org.confops.bulkpurchase.repository.OutboxRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents (binary mode) and marks them published in the
 * same transaction. A crash between send and commit resends the batch: delivery is at-least-once and
 * consumers deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    static final URI SOURCE = URI.create("/bulk-purchase-service");
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    OutboxRepository outbox;

    @Inject
    @Channel("outbox-relay")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "bulkpurchase.outbox.batch-size")
    int batchSize;

    @Scheduled(every = "${bulkpurchase.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            while (publishBatch() == batchSize) {
                Log.debugf("Outbox batch of %d published; continuing", batchSize);
            }
        } catch (RuntimeException e) {
            Log.warnf("Outbox relay will retry: %s", e.getMessage());
        }
    }

    /** Publishes the oldest unpublished events; returns how many. */
    @Transactional
    public int publishBatch() {
        if (!outbox.tryRelayLock()) {
            return 0;
        }
        List<OutboxEvent> batch = outbox.nextUnpublished(batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        // Sent in order and awaited together: the idempotent producer keeps per-partition order.
        List<Uni<Void>> sends = batch.stream().map(event -> emitter.sendMessage(toMessage(event))).toList();
        Uni.join().all(sends).andFailFast().await().atMost(SEND_TIMEOUT);
        Instant now = Instant.now();
        batch.forEach(event -> event.publishedAt = now);
        return batch.size();
    }

    private static Message<String> toMessage(OutboxEvent event) {
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(event.eventId.toString())
                .withType(event.eventType)
                .withSource(SOURCE)
                .withSubject(event.subject)
                .withTimestamp(event.occurredAt.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.recordKey)
                .build();
        return Message.of(event.payload).addMetadata(cloudEvent).addMetadata(record);
    }
}
