package org.confops.catalog.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Attendee;
import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.CustomerOrder;
import org.confops.catalog.domain.OrderStatus;
import org.confops.catalog.domain.ReissuedAccessCode;
import org.confops.catalog.messaging.CatalogEvents;
import org.confops.catalog.repository.AttendeeRepository;
import org.confops.catalog.repository.OrderRepository;
import org.confops.catalog.repository.ReissuedAccessCodeRepository;
import org.confops.platform.errors.Rejection;
import org.confops.platform.paging.Page;
import org.confops.platform.security.Actor;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

@ApplicationScoped
public class AttendeeService {

    /** A badge reissued: the attendee under their new code, and every code they no longer answer to. */
    public record Reissued(Attendee attendee, String previousCode, List<String> revokedCodes) {
    }

    @Inject
    AttendeeRepository attendees;

    @Inject
    OrderRepository orders;

    @Inject
    ReissuedAccessCodeRepository reissued;

    @Inject
    AccessCodes codes;

    @Inject
    CatalogEvents events;

    @Transactional
    public Page<Attendee> list(Conference conference, int page, int size) {
        PanacheQuery<Attendee> query = attendees.ofConference(conference.id).page(page - 1, size);
        return new Page<>(query.list(), page, size, query.count());
    }

    /**
     * A new access code for a lost or stolen badge. The old code is retired for good: attendee.changed names it
     * among the attendee's revoked codes, so check-in refuses it and every scanner's revocation list carries it,
     * and a badge signed for it no longer admits anyone. Only an admitted attendee has a badge to reissue.
     */
    @Transactional
    public Reissued reissue(Conference conference, long attendeeId, ReissueRequest request, Actor actor) {
        Attendee attendee = attendees.findForUpdate(conference.id, attendeeId)
                .orElseThrow(() -> Rejection.notFound("Attendee not found").with("attendee_id", attendeeId));
        CustomerOrder order = orders.findById(attendee.orderId);
        if (!OrderStatus.PAID.equals(order.status) && !OrderStatus.PARTIALLY_REFUNDED.equals(order.status)) {
            throw Rejection.conflict("Only an attendee whose order is paid gets a badge")
                    .with("order_status", order.status);
        }
        ReissuedAccessCode retired = new ReissuedAccessCode();
        retired.accessCode = attendee.accessCode;
        retired.attendeeId = attendee.id;
        retired.reissuedAt = Timestamps.now();
        retired.reason = request == null || request.reason() == null || request.reason().isBlank()
                ? null : request.reason().trim();
        retired.actorSubject = actor.subject();
        retired.actorName = actor.name();
        reissued.persist(retired);
        attendee.accessCode = codes.next();
        attendee.version++;
        List<String> revoked = reissued.codesOf(attendee.id);
        events.attendeeChanged(conference, attendee, revoked);
        return new Reissued(attendee, retired.accessCode, revoked);
    }
}
