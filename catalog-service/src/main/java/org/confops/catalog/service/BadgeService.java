package org.confops.catalog.service;

import java.time.Instant;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Attendee;
import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.CustomerOrder;
import org.confops.catalog.domain.OrderStatus;
import org.confops.catalog.domain.ProductKind;
import org.confops.catalog.domain.SigningKey;
import org.confops.catalog.repository.AttendeeRepository;
import org.confops.catalog.repository.OrderLineRepository;
import org.confops.catalog.repository.OrderRepository;
import org.confops.platform.errors.Rejection;

/**
 * Signs an attendee's badge with the conference's current key. Only an order that admits (paid or partially
 * refunded) gets a badge: a signed badge is admission a scanner may grant offline. A badge is valid from its
 * key's creation to the end of the day after the conference's last day (in the conference's zone).
 */
@ApplicationScoped
public class BadgeService {

    /** A signed badge: {@code code} is what the QR code holds (contracts/badges.md). */
    public record Badge(Attendee attendee, String ticketType, SigningKey key, BadgePayload payload, String code) {
    }

    @Inject
    AttendeeRepository attendees;

    @Inject
    OrderRepository orders;

    @Inject
    OrderLineRepository lines;

    @Inject
    SigningKeyService signingKeys;

    @Transactional
    public Badge issue(Conference conference, long attendeeId) {
        Attendee attendee = attendees.findByIdOptional(attendeeId)
                .filter(a -> a.conferenceId.equals(conference.id))
                .orElseThrow(() -> Rejection.notFound("Attendee not found").with("attendee_id", attendeeId));
        CustomerOrder order = orders.findById(attendee.orderId);
        if (!OrderStatus.PAID.equals(order.status) && !OrderStatus.PARTIALLY_REFUNDED.equals(order.status)) {
            throw Rejection.conflict("Only an attendee whose order is paid gets a badge")
                    .with("order_status", order.status);
        }
        String ticketType = lines.listForOrder(order.id).stream().filter(l -> l.kind == ProductKind.TICKET_TYPE)
                .map(l -> l.slug).findFirst().orElse("");
        SigningKey key = signingKeys.activeKey(conference);
        BadgePayload payload = new BadgePayload(key.id, conference.slug, attendee.accessCode, ticketType,
                key.createdAt, validUntil(conference));
        byte[] bytes = payload.bytes();
        return new Badge(attendee, ticketType, key, payload,
                BadgePayload.encode(bytes, signingKeys.sign(key, bytes)));
    }

    private static Instant validUntil(Conference conference) {
        return conference.endDate.plusDays(2).atStartOfDay(ZoneId.of(conference.timeZone)).toInstant();
    }
}
