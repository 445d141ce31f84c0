package org.confops.checkin.service;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Conference;
import org.confops.platform.inbox.NewestVersion;
import org.confops.checkin.messaging.AttendeeSnapshot;
import org.confops.checkin.messaging.ConferenceSnapshot;
import org.confops.checkin.messaging.OrderSnapshot;
import org.confops.checkin.repository.AttendeeRepository;
import org.confops.checkin.repository.ConferenceRepository;
import org.confops.checkin.repository.LineItemRepository;
import org.confops.checkin.repository.OrderRepository;
import org.confops.checkin.repository.SigningKeyRepository;


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
    Event<ConferenceRepository.Changed> conferenceChanged;

    @Inject
    SigningKeyRepository signingKeys;

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
        } else if (NewestVersion.isStale("conference", snapshot.id(), conference.version, snapshot.version())) {
            return;
        }
        conference.slug = snapshot.slug();
        conference.name = snapshot.name();
        conference.timeZone = snapshot.timeZone();
        conference.version = snapshot.version();
        conferences.persist(conference);
        conferenceChanged.fire(new ConferenceRepository.Changed());
        if (snapshot.signingKeys() != null) {
            conferences.flush();
            signingKeys.replace(conference.id, snapshot.signingKeys());
        }
    }

    /**
     * Applies order snapshots set-based: each order (and its lines) only if the snapshot is newer than the one
     * held. Lines are replaced as the snapshot lists them; check-in's redeemed counts stay.
     */
    public void applyOrders(List<OrderSnapshot> snapshots) {
        Map<Long, OrderSnapshot> newest = NewestVersion.perId(snapshots, OrderSnapshot::id, OrderSnapshot::version);
        Set<Long> applied = orders.upsertNewer(List.copyOf(newest.values()));
        if (applied.isEmpty()) {
            return;
        }
        List<OrderSnapshot> changed = newest.values().stream().filter(order -> applied.contains(order.id())).toList();
        lineItems.replaceLines(changed);
    }

    /**
     * Applies attendee snapshots set-based, each only if newer; check-in's own columns stay. The codes of reissued
     * badges they name are revoked.
     */
    public void applyAttendees(List<AttendeeSnapshot> snapshots) {
        attendees.upsertNewer(List.copyOf(NewestVersion.perId(snapshots, AttendeeSnapshot::id, AttendeeSnapshot::version).values()));
        attendees.revoke(snapshots);
    }
}
