package org.confops.checkin.service;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.domain.CustomerOrder;
import org.confops.checkin.domain.LineItem;
import org.confops.checkin.messaging.AttendeeSnapshot;
import org.confops.checkin.messaging.ConferenceSnapshot;
import org.confops.checkin.messaging.OrderSnapshot;
import org.confops.checkin.repository.AttendeeRepository;
import org.confops.checkin.repository.ConferenceRepository;
import org.confops.checkin.repository.LineItemRepository;
import org.confops.checkin.repository.OrderRepository;

import io.quarkus.logging.Log;

/**
 * Applies catalog snapshots to check-in's own tables. A snapshot replaces what is held only when its
 * version is newer, so redelivered and out-of-order events change nothing. Check-in's own state
 * (first check-in time, redeemed counts) is never overwritten.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ProjectionService {

    @Inject
    ConferenceRepository conferences;

    @Inject
    OrderRepository orders;

    @Inject
    LineItemRepository lineItems;

    @Inject
    AttendeeRepository attendees;

    public void apply(ConferenceSnapshot snapshot) {
        Conference conference = conferences.findById(snapshot.id());
        if (conference == null) {
            conference = new Conference();
            conference.id = snapshot.id();
        } else if (isStale("conference", snapshot.id(), conference.version, snapshot.version())) {
            return;
        }
        conference.slug = snapshot.slug();
        conference.name = snapshot.name();
        conference.timeZone = snapshot.timeZone();
        conference.version = snapshot.version();
        conferences.persist(conference);
    }

    public void apply(OrderSnapshot snapshot) {
        CustomerOrder order = orders.findById(snapshot.id());
        if (order == null) {
            order = new CustomerOrder();
            order.id = snapshot.id();
        } else if (isStale("order", snapshot.id(), order.version, snapshot.version())) {
            return;
        }
        order.conferenceId = snapshot.conferenceId();
        order.status = snapshot.status();
        order.version = snapshot.version();
        orders.persist(order);
        replaceLines(order.id, snapshot);
    }

    public void apply(AttendeeSnapshot snapshot) {
        Attendee attendee = attendees.findById(snapshot.id());
        if (attendee == null) {
            attendee = new Attendee();
            attendee.id = snapshot.id();
        } else if (isStale("attendee", snapshot.id(), attendee.version, snapshot.version())) {
            return;
        }
        attendee.conferenceId = snapshot.conferenceId();
        attendee.orderId = snapshot.orderId();
        attendee.accessCode = snapshot.accessCode().trim();
        attendee.name = snapshot.name();
        attendee.email = snapshot.email();
        attendee.version = snapshot.version();
        attendees.persist(attendee);
    }

    private void replaceLines(long orderId, OrderSnapshot snapshot) {
        Map<Long, LineItem> held = lineItems.listForOrder(orderId).stream()
                .collect(Collectors.toMap(line -> line.id, Function.identity()));
        for (OrderSnapshot.Line line : snapshot.lineItemsOrEmpty()) {
            LineItem item = held.remove(line.id());
            if (item == null) {
                item = new LineItem();
                item.id = line.id();
                item.orderId = orderId;
            }
            item.ticketTypeSlug = line.ticketTypeSlug();
            item.addonSlug = line.addonSlug();
            item.description = line.description();
            item.quantity = line.quantity();
            lineItems.persist(item);
        }
        held.values().forEach(lineItems::delete);
    }

    private static boolean isStale(String kind, long id, long held, long incoming) {
        if (incoming <= held) {
            Log.debugf("Ignoring %s %d version %d: holding version %d", kind, id, incoming, held);
            return true;
        }
        return false;
    }
}
