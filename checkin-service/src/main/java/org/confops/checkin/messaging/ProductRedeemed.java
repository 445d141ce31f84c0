package org.confops.checkin.messaging;

import java.time.Instant;

import org.confops.platform.security.Actor;

/** Published as {@code attendee.product-redeemed} on {@code attendees}, keyed by attendee id. */
public record ProductRedeemed(long redemptionId, long attendeeId, long conferenceId, String conferenceSlug,
        String accessCode, long lineItemId, String addonSlug, String description, int quantity, int redeemedCount,
        Instant redeemedAt, Actor redeemedBy) {

    public static final String TYPE = "attendee.product-redeemed";
}
