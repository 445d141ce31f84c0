package org.confops.checkin.service;

import org.confops.platform.errors.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Conference;
import org.confops.checkin.domain.DoorCheck;
import org.confops.checkin.domain.ScanLogEntry;
import org.confops.checkin.domain.LineItem;
import org.confops.checkin.repository.DoorCheckRepository;
import org.confops.platform.security.Actor;

/**
 * Admission to a tutorial, a meal or an event inside the venue: for attendees whose admitted order holds the
 * ticket type or add-on with that slug. Refusals are recorded too: the door's count of turned-away people is
 * worth knowing.
 */
@ApplicationScoped
public class DoorCheckService {

    public record DoorCheckResult(AttendeeRecord record, DoorCheck check, LineItem line) {
    }

    @Inject
    AttendeeFinder finder;

    @Inject
    DoorCheckRepository doorChecks;

    @Inject
    ScanLog scanLog;

    @Inject
    Tallies tallies;

    @Transactional(dontRollbackOn = Rejection.class)
    public DoorCheckResult check(Conference conference, String accessCode, String productSlug, String station,
            Actor actor) {
        ScanLog.Scan scan = new ScanLog.Scan(ScanLogEntry.DOOR_CHECK, accessCode, station, null, null, null,
                productSlug);
        try {
            DoorCheckResult result = admit(conference, accessCode, productSlug, station, actor);
            scanLog.accepted(conference, scan, result.record(), actor);
            return result;
        } catch (Rejection refused) {
            scanLog.refused(conference, scan, refused, actor);
            throw refused;
        }
    }

    private DoorCheckResult admit(Conference conference, String accessCode, String productSlug, String station,
            Actor actor) {
        String code = finder.code(conference, accessCode);
        if (productSlug == null || productSlug.isBlank()) {
            throw Rejection.invalid("product is required");
        }
        String product = productSlug.trim();
        AttendeeRecord record = finder.findAdmitted(conference, code);
        LineItem held = record.lines().stream()
                .filter(line -> line.quantity > 0)
                .filter(line -> product.equals(line.addonSlug) || product.equals(line.ticketTypeSlug))
                .findFirst().orElse(null);
        DoorCheck check = new DoorCheck();
        check.attendeeId = record.attendee().id;
        check.conferenceId = conference.id;
        check.productSlug = product;
        check.station = station == null || station.isBlank() ? null : station.trim();
        check.admitted = held != null;
        check.checkedAt = Timestamps.now();
        check.actorSubject = actor.subject();
        check.actorName = actor.name();
        doorChecks.persist(check);
        tallies.add(conference.id, check.admitted ? Tallies.DOOR_ADMITTED : Tallies.DOOR_REFUSED,
                record.ticketTypeSlug(), product, Tallies.UNDATED, 1);
        if (held == null) {
            doorChecks.flush();
            throw Rejection.conflict("Attendee does not hold this product")
                    .with("access_code", code).with("product", product).because("product");
        }
        return new DoorCheckResult(record, check, held);
    }
}
