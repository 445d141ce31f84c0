package org.confops.checkin.messaging;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.checkin.repository.ProcessedEventRepository;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;

/**
 * The single way events enter the service: each is applied at most once, in one transaction with the record
 * of its id, and acknowledged (its offset committed) only after that transaction commits.
 */
@ApplicationScoped
public class EventInbox {

    @Inject
    ProcessedEventRepository processed;

    @Inject
    EventInbox self;

    /** Applies the message with the handler registered for its type; other types are recorded and skipped. */
    public CompletionStage<Void> receive(Message<String> message, Map<String, Consumer<InboundEvent>> handlers) {
        var event = InboundEvent.from(message);
        if (event.isEmpty()) {
            Log.warn("Skipping a record without CloudEvents headers");
            return message.ack();
        }
        if (OutboxRelay.SOURCE.toString().equals(event.get().source())) {
            // our own events, read back from a topic we also consume: nothing to apply, nothing to record
            return message.ack();
        }
        try {
            self.apply(event.get(), handlers.get(event.get().type()));
            return message.ack();
        } catch (MalformedEventException e) {
            Log.errorf("Skipping malformed event %s (%s): %s", event.get().id(), event.get().type(), e.getMessage());
            return message.ack();
        } catch (RuntimeException e) {
            return message.nack(e);
        }
    }

    @Transactional
    void apply(InboundEvent event, Consumer<InboundEvent> handler) {
        if (!processed.markProcessed(event.id(), event.type())) {
            Log.debugf("Event %s already processed", event.id());
            return;
        }
        if (handler != null) {
            handler.accept(event);
        }
    }
}
