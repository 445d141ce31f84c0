package org.confops.checkin.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.checkin.service.ProjectionService;
import org.confops.platform.inbox.EventHandlers;
import org.confops.platform.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Keeps the check-in projection in step with the catalog, orders and attendees topics. */
@ApplicationScoped
public class CatalogEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    ProjectionService projection;

    private EventHandlers catalog;
    private EventHandlers orders;
    private EventHandlers attendees;

    @PostConstruct
    void declareHandlers() {
        catalog = EventHandlers.create()
                .on("conference.changed", ConferenceSnapshot.class, projection::apply)
                .ignore("ticket-type.changed", "addon.changed", "sponsor.changed");
        orders = EventHandlers.create()
                .onBatch("order.changed", OrderSnapshot.class, projection::applyOrders);
        attendees = EventHandlers.create()
                .onBatch("attendee.changed", AttendeeSnapshot.class, projection::applyAttendees);
    }

    @Incoming("catalog-in")
    @Blocking
    public CompletionStage<Void> onCatalog(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("catalog-in", batch, catalog);
    }

    @Incoming("orders-in")
    @Blocking
    public CompletionStage<Void> onOrders(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("orders-in", batch, orders);
    }

    @Incoming("attendees-in")
    @Blocking
    public CompletionStage<Void> onAttendees(KafkaRecordBatch<String, String> batch) {
        return inbox.receive("attendees-in", batch, attendees);
    }
}
