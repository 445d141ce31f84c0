package org.confops.platform.inbox;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What one consumer does with each event type it reads: the service's side of the inbox. A handler runs inside
 * the inbox's transaction, once per new event ({@link #on}) or once per run of consecutive events of its type
 * ({@link #onBatch}, for set-based projections). Types named in {@link #ignore} are recorded and skipped; any
 * other type is a dead letter for this consumer.
 * <p>
 * By default a batch is applied in one transaction. {@link #partitionsInParallel} applies the records of each
 * partition in a batch in a transaction of their own, concurrently: for projections whose rows depend only on
 * their own key (newest version wins), never for ones that derive state across keys or topics.
 */
public final class EventHandlers {

    /**
     * Every consumer records and skips {@code platform.marker}: whoever sends one (a test, an operator) learns
     * that the consumer has passed that point of the partition once its id is in the inbox.
     */
    public static final String MARKER = "platform.marker";

    record Handler<T>(Class<T> dataType, Consumer<List<T>> apply) {
    }

    private final Map<String, Handler<?>> handlers = new HashMap<>();
    private final Set<String> ignored = new HashSet<>();
    private boolean partitionsInParallel;

    private EventHandlers() {
    }

    public static EventHandlers create() {
        return new EventHandlers();
    }

    public <T> EventHandlers on(String type, Class<T> dataType, Consumer<T> handler) {
        return onBatch(type, dataType, events -> events.forEach(handler));
    }

    public <T> EventHandlers onBatch(String type, Class<T> dataType, Consumer<List<T>> handler) {
        handlers.put(type, new Handler<>(dataType, handler));
        return this;
    }

    public EventHandlers ignore(String... types) {
        ignored.addAll(List.of(types));
        return this;
    }

    /**
     * Each partition's records of a batch in their own transaction, the partitions concurrently (in order within a
     * partition, so per key). Only where no row depends on events of another key: two transactions never see
     * each other's work.
     */
    public EventHandlers partitionsInParallel() {
        partitionsInParallel = true;
        return this;
    }

    boolean isPartitionsInParallel() {
        return partitionsInParallel;
    }

    Handler<?> handler(String type) {
        return handlers.get(type);
    }

    boolean ignores(String type) {
        return ignored.contains(type) || MARKER.equals(type);
    }
}
