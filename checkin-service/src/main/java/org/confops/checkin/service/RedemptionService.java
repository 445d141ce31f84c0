package org.confops.checkin.service;

import org.confops.platform.errors.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.domain.LineItem;
import org.confops.checkin.domain.Redemption;
import org.confops.platform.outbox.Outbox;
import org.confops.checkin.messaging.ProductRedeemed;
import org.confops.checkin.repository.LineItemRepository;
import org.confops.checkin.repository.RedemptionRepository;
import org.confops.platform.security.Actor;

/**
 * Hands out add-ons. The line item row is locked for the transaction, so parallel redemptions of one
 * item queue up and the count can never pass the purchased quantity.
 */
@ApplicationScoped
public class RedemptionService {

    @Inject
    AttendeeFinder finder;

    @Inject
    LineItemRepository lineItems;

    @Inject
    RedemptionRepository redemptions;

    @Inject
    Outbox outbox;

    @Transactional(dontRollbackOn = Rejection.class)
    public RedemptionResult redeem(Conference conference, String accessCode, long lineItemId, Actor actor) {
        String code = finder.code(conference, accessCode);
        AttendeeRecord record = finder.findAdmitted(conference, code);
        Attendee attendee = record.attendee();
        LineItem line = lineItems.findInOrderForUpdate(lineItemId, attendee.orderId)
                .orElseThrow(() -> Rejection.invalid("Line item not found in attendee's order")
                        .with("line_item_id", lineItemId));
        if (!line.isAddon()) {
            throw Rejection.invalid("Line item is not a redeemable product").with("line_item_id", lineItemId);
        }
        if (line.redeemedCount >= line.quantity) {
            throw Rejection.conflict("Product already fully redeemed").with("line_item_id", lineItemId)
                    .because("fully_redeemed");
        }
        line.redeemedCount++;
        Redemption redemption = new Redemption();
        redemption.attendeeId = attendee.id;
        redemption.conferenceId = conference.id;
        redemption.lineItemId = line.id;
        redemption.redeemedAt = Timestamps.now();
        redemption.actorSubject = actor.subject();
        redemption.actorName = actor.name();
        redemptions.persist(redemption);
        redemptions.flush();
        outbox.add("attendees", attendee.id.toString(), ProductRedeemed.TYPE, attendee.accessCode,
                new ProductRedeemed(redemption.id, attendee.id, conference.id, conference.slug, attendee.accessCode,
                        line.id, line.addonSlug, line.description, line.quantity, line.redeemedCount,
                        redemption.redeemedAt, actor));
        return new RedemptionResult(record, line, redemption, false);
    }
}
