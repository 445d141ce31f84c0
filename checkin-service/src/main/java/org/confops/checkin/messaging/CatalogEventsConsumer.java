package org.confops.checkin.messaging;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.checkin.service.ProjectionService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;

/** Keeps the check-in projection in step with the catalog, orders and attendees topics. */
@ApplicationScoped
public class CatalogEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    EventData data;

    @Inject
    ProjectionService projection;

    @Incoming("catalog-in")
    @Blocking
    public CompletionStage<Void> onCatalog(Message<String> message) {
        return inbox.receive(message, Map.of(
                "conference.changed", e -> projection.apply(data.read(e, ConferenceSnapshot.class))));
    }

    @Incoming("orders-in")
    @Blocking
    public CompletionStage<Void> onOrders(Message<String> message) {
        return inbox.receive(message, Map.of(
                "order.changed", e -> projection.apply(data.read(e, OrderSnapshot.class))));
    }

    @Incoming("attendees-in")
    @Blocking
    public CompletionStage<Void> onAttendees(Message<String> message) {
        return inbox.receive(message, Map.of(
                "attendee.changed", e -> projection.apply(data.read(e, AttendeeSnapshot.class))));
    }
}
