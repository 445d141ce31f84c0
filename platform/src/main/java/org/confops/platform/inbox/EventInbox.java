package org.confops.platform.inbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.confops.platform.errors.TransientFailures;
import org.confops.platform.events.CloudEvent;
import org.confops.platform.events.EventSource;
import org.confops.platform.events.EventTracing;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The single way events enter a service. A batch from Kafka is applied in one transaction together with the
 * record of its event ids, so a redelivered event changes nothing; its offsets are committed (the batch acked)
 * only after that transaction commits. A transient fault (database restarting, lock conflict, broker away) is
 * retried with backoff for as long as it lasts, holding the partition, and the channel keeps running. A record
 * that can never be applied (not a CloudEvent, unreadable data, a type this consumer does not know, data the
 * handler refuses) goes to the dead-letter topic with its reason and the rest of the batch is applied.
 */
@ApplicationScoped
public class EventInbox {

    private static final long FIRST_PAUSE_MS = 100;
    private static final long LONGEST_PAUSE_MS = 5_000;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    EventSource source;

    @Inject
    ProcessedEvents processed;

    @Inject
    DeadLetters deadLetters;

    @Inject
    InboxHealth health;

    @Inject
    InboxMetrics metrics;

    @Inject
    EventTracing tracing;

    private volatile boolean running = true;

    /** Applies partitions other than the first for consumers that declared {@code partitionsInParallel()}. */
    private final ExecutorService partitionWorkers = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "inbox-partition-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        partitionWorkers.shutdown();
    }

    /** Applies a batch read by the consumer named {@code consumer} (its channel), then acknowledges it. */
    public CompletionStage<Void> receive(String consumer, KafkaRecordBatch<String, String> batch,
            EventHandlers handlers) {
        metrics.known(consumer);
        List<InboxRecord> records = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            long offset = record instanceof IncomingKafkaRecord<String, String> incoming ? incoming.getOffset() : -1;
            records.add(new InboxRecord(record.getTopic(), record.getPartition(), offset, record.getKey(),
                    record.getPayload(), record.getHeaders()));
        }
        if (!apply(consumer, records, handlers)) {
            // Shutting down: unacknowledged, so the records come again to whoever consumes next.
            return new CompletableFuture<>();
        }
        return batch.ack();
    }

    /** Applies the records; false only when the service stopped before they could be. */
    boolean apply(String consumer, List<InboxRecord> records, EventHandlers handlers) {
        List<Item> items = decode(consumer, records, handlers);
        if (items.isEmpty()) {
            return true;
        }
        // The spans last until the batch is committed, retries included: a stalled consumer shows in its trace.
        var spans = tracing.applying(consumer, items.stream()
                .filter(item -> item.event() != null)
                .map(item -> new EventTracing.Traced(item.record().topic(),
                        EventTracing.traceparent(item.record().headers()), item.event().type(),
                        item.record().headers()))
                .toList());
        try {
            return handlers.isPartitionsInParallel() ? applyPartitionsInParallel(consumer, items)
                    : applyUntilDone(consumer, items);
        } finally {
            tracing.end(spans, null);
        }
    }

    /**
     * Each partition's items in a transaction of their own, concurrently; done when all are. Should the service
     * stop half-way, the batch is not acknowledged and comes again: what was committed is then a duplicate.
     */
    private boolean applyPartitionsInParallel(String consumer, List<Item> items) {
        Map<String, List<Item>> byPartition = new LinkedHashMap<>();
        for (Item item : items) {
            byPartition.computeIfAbsent(item.record().topic() + "-" + item.record().partition(),
                    partition -> new ArrayList<>()).add(item);
        }
        if (byPartition.size() == 1) {
            return applyUntilDone(consumer, items);
        }
        List<List<Item>> partitions = new ArrayList<>(byPartition.values());
        List<Future<Boolean>> others = new ArrayList<>(partitions.size() - 1);
        for (List<Item> partition : partitions.subList(1, partitions.size())) {
            others.add(partitionWorkers.submit(() -> applyUntilDone(consumer, partition)));
        }
        boolean done = applyUntilDone(consumer, partitions.get(0));
        for (Future<Boolean> other : others) {
            try {
                done &= other.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return done;
    }

    private boolean applyUntilDone(String consumer, List<Item> items) {
        long pause = FIRST_PAUSE_MS;
        while (running) {
            try {
                sendDeadLetters(consumer, items);
                List<Item> applied = QuarkusTransaction.requiringNew().call(() -> applyInOneTransaction(items));
                health.progressed(consumer);
                count(consumer, items, applied);
                return true;
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    health.stalled(consumer, e);
                    metrics.retried(consumer);
                    Log.warnf("Inbox %s will retry %d records in %d ms: %s", consumer, items.size(), pause,
                            rootMessage(e));
                    pause = pauseThenLonger(pause);
                } else {
                    Log.warnf("Inbox %s: a batch of %d failed (%s); applying one by one to find the bad record",
                            consumer, items.size(), rootMessage(e));
                    return applyOneByOne(consumer, items);
                }
            }
        }
        return false;
    }

    private boolean applyOneByOne(String consumer, List<Item> items) {
        for (Item item : items) {
            long pause = FIRST_PAUSE_MS;
            while (true) {
                if (!running) {
                    return false;
                }
                try {
                    sendDeadLetters(consumer, List.of(item));
                    List<Item> applied = QuarkusTransaction.requiringNew()
                            .call(() -> applyInOneTransaction(List.of(item)));
                    count(consumer, List.of(item), applied);
                    break;
                } catch (RuntimeException e) {
                    if (TransientFailures.isTransient(e)) {
                        health.stalled(consumer, e);
                        metrics.retried(consumer);
                        pause = pauseThenLonger(pause);
                        continue;
                    }
                    if (item.deadLetter() != null) {
                        throw e;
                    }
                    item.refuse(InboxMetrics.DeadLetterKind.REFUSED, "handler refused it: " + rootMessage(e));
                }
            }
        }
        health.progressed(consumer);
        return true;
    }

    private void sendDeadLetters(String consumer, List<Item> items) {
        for (Item item : items) {
            if (item.deadLetter() != null && !item.deadLetterSent) {
                deadLetters.send(item.record(), consumer, item.deadLetter());
                item.deadLetterSent = true;
                metrics.deadLettered(consumer, item.deadLetterKind);
            }
        }
    }

    /** Records the ids, applies the new events and returns the items it applied (in order). */
    private List<Item> applyInOneTransaction(List<Item> items) {
        Map<String, String> typesById = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.event() != null) {
                typesById.putIfAbsent(item.event().id(), item.event().type());
            }
        }
        Set<String> fresh = processed.recordNew(typesById);
        List<Item> applied = new ArrayList<>();
        List<Object> run = new ArrayList<>();
        EventHandlers.Handler<?> runHandler = null;
        for (Item item : items) {
            if (item.deadLetter() != null || item.handler() == null || item.event() == null
                    || !fresh.remove(item.event().id())) {
                continue;
            }
            if (runHandler != null && runHandler != item.handler()) {
                call(runHandler, run);
                run = new ArrayList<>();
            }
            runHandler = item.handler();
            run.add(item.data());
            applied.add(item);
        }
        if (runHandler != null) {
            call(runHandler, run);
        }
        return applied;
    }

    /** After the commit: what was applied (and how late), skipped as a duplicate, or ignored. */
    private void count(String consumer, List<Item> items, List<Item> applied) {
        java.time.Instant now = java.time.Instant.now();
        Map<String, Integer> appliedByType = new LinkedHashMap<>();
        List<String> times = new ArrayList<>(applied.size());
        for (Item item : applied) {
            appliedByType.merge(item.event().type(), 1, Integer::sum);
            times.add(item.event().time());
        }
        metrics.applied(consumer, times, now);
        appliedByType.forEach((type, count) -> metrics.events(consumer, type, "applied", count));
        Set<Item> wasApplied = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        wasApplied.addAll(applied);
        int ignored = 0;
        int duplicates = 0;
        for (Item item : items) {
            if (item.event() == null || item.deadLetter() != null) {
                continue;
            }
            if (item.handler() == null) {
                ignored++;
            } else if (!wasApplied.contains(item)) {
                duplicates++;
            }
        }
        metrics.events(consumer, "any", "ignored", ignored);
        metrics.events(consumer, "any", "duplicate", duplicates);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void call(EventHandlers.Handler<?> handler, List<Object> data) {
        ((EventHandlers.Handler) handler).apply().accept(data);
    }

    private List<Item> decode(String consumer, List<InboxRecord> records, EventHandlers handlers) {
        List<Item> items = new ArrayList<>(records.size());
        for (InboxRecord record : records) {
            Optional<CloudEvent> read = CloudEvent.from(record.topic(), record.partition(), record.offset(),
                    record.key(), record.value(), record.headers());
            if (read.isEmpty()) {
                items.add(new Item(record, null, null, null, InboxMetrics.DeadLetterKind.NOT_CLOUD_EVENT,
                        "not a CloudEvent (ce_id, ce_type and ce_source required)"));
                continue;
            }
            CloudEvent event = read.get();
            if (source.isOwn(event)) {
                continue; // this service's own events, read back from a topic it also consumes
            }
            EventHandlers.Handler<?> handler = handlers.handler(event.type());
            if (handler == null) {
                items.add(handlers.ignores(event.type()) ? new Item(record, event, null, null, null, null)
                        : new Item(record, event, null, null, InboxMetrics.DeadLetterKind.UNKNOWN_TYPE,
                                "unknown event type " + event.type() + " for " + consumer));
                continue;
            }
            try {
                items.add(new Item(record, event, handler, read(event, handler.dataType()), null, null));
            } catch (PoisonEventException e) {
                items.add(new Item(record, event, null, null, InboxMetrics.DeadLetterKind.MALFORMED,
                        "malformed data: " + e.getMessage()));
            }
        }
        return items;
    }

    private <T> T read(CloudEvent event, Class<T> type) {
        T data;
        try {
            data = mapper.readValue(event.data(), type);
        } catch (Exception e) {
            throw new PoisonEventException(rootMessage(e), e);
        }
        if (data == null) {
            throw new PoisonEventException("no data", null);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            throw new PoisonEventException(violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining(", ")), null);
        }
        return data;
    }

    private static long pauseThenLonger(long pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.min(pause * 2, LONGEST_PAUSE_MS);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    /** A decoded record: its event (if any), the handler and data to apply, or why it is a dead letter. */
    private static final class Item {
        private final InboxRecord record;
        private final CloudEvent event;
        private EventHandlers.Handler<?> handler;
        private final Object data;
        private String deadLetter;
        private InboxMetrics.DeadLetterKind deadLetterKind;
        boolean deadLetterSent;

        Item(InboxRecord record, CloudEvent event, EventHandlers.Handler<?> handler, Object data,
                InboxMetrics.DeadLetterKind deadLetterKind, String deadLetter) {
            this.record = record;
            this.event = event;
            this.handler = handler;
            this.data = data;
            this.deadLetterKind = deadLetterKind;
            this.deadLetter = deadLetter;
        }

        InboxRecord record() {
            return record;
        }

        CloudEvent event() {
            return event;
        }

        EventHandlers.Handler<?> handler() {
            return handler;
        }

        Object data() {
            return data;
        }

        String deadLetter() {
            return deadLetter;
        }

        void refuse(InboxMetrics.DeadLetterKind kind, String reason) {
            this.deadLetterKind = kind;
            this.deadLetter = reason;
            this.handler = null;
        }
    }
}
