package org.confops.checkin.service;

import org.confops.platform.errors.Rejection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.domain.CustomerOrder;
import org.confops.checkin.repository.AttendeeRepository;
import org.confops.checkin.repository.DoorRows;
import org.confops.checkin.repository.LineItemRepository;
import org.confops.checkin.repository.OrderRepository;

/**
 * Finds attendees by access code (or signed badge) within one conference, with the django-program error bodies.
 */
@ApplicationScoped
public class AttendeeFinder {

    @Inject
    AttendeeRepository attendees;

    @Inject
    OrderRepository orders;

    @Inject
    LineItemRepository lineItems;

    @Inject
    DoorRows doorRows;

    @Inject
    BadgeVerifier badges;

    /** Codes are compared trimmed; blank is a 400. */
    public static String normalize(String accessCode) {
        String code = accessCode == null ? "" : accessCode.trim();
        if (code.isEmpty()) {
            throw Rejection.invalid("access_code is required");
        }
        return code;
    }

    /** The access code a scan names: a plain code, or the one a signed badge vouches for once it verifies. */
    public String code(Conference conference, String scanned) {
        return badges.accessCode(conference, normalize(scanned));
    }

    public AttendeeRecord find(Conference conference, String accessCode) {
        Attendee attendee = attendees.findByCode(conference.id, accessCode)
                .orElseThrow(() -> unknown(conference, accessCode));
        Optional<CustomerOrder> order = Optional.ofNullable(attendee.orderId).flatMap(orders::findByIdOptional);
        return new AttendeeRecord(attendee, order, lineItems.listForOrder(attendee.orderId));
    }

    /**
     * As {@link #find}, the attendee row-locked for a movement and read with plain JDBC: the record's objects are
     * not managed, and what the caller changes on them it writes itself ({@link DoorRows#record}).
     */
    public AttendeeRecord lockForMovement(Conference conference, String accessCode) {
        DoorRows.Locked locked = doorRows.lockByCode(conference.id, accessCode)
                .orElseThrow(() -> unknown(conference, accessCode));
        return new AttendeeRecord(locked.attendee(), Optional.ofNullable(locked.order()), locked.lines());
    }

    /** A code nobody holds: one whose badge was reissued is refused as revoked, any other is not found. */
    private Rejection unknown(Conference conference, String accessCode) {
        if (attendees.isRevoked(conference.id, accessCode)) {
            return Rejection.conflict("Badge revoked: it was reissued under a new code")
                    .with("access_code", accessCode).because("revoked");
        }
        return Rejection.notFound("Attendee not found").with("access_code", accessCode).because("unknown_code");
    }

    /** As {@link #find}, refusing (409) attendees whose order does not admit them. */
    public AttendeeRecord findAdmitted(Conference conference, String accessCode) {
        return admitted(find(conference, accessCode), accessCode);
    }

    /** As {@link #lockForMovement}, refusing (409) attendees whose order does not admit them. */
    public AttendeeRecord lockAdmittedForMovement(Conference conference, String accessCode) {
        return admitted(lockForMovement(conference, accessCode), accessCode);
    }

    private static AttendeeRecord admitted(AttendeeRecord record, String accessCode) {
        // the name too (beyond django-program's body), so the desk can tell the person what is wrong
        if (record.order().isEmpty()) {
            throw Rejection.conflict("Attendee has no order").with("access_code", accessCode)
                    .with("order_status", null).with("name", record.attendee().name).because("not_paid");
        }
        if (!record.order().get().admits()) {
            throw Rejection.conflict("Order is not paid").with("access_code", accessCode)
                    .with("order_status", record.orderStatus()).with("name", record.attendee().name)
                    .because("not_paid");
        }
        return record;
    }
}
