package org.confops.checkin.messaging;

import java.time.Instant;

import org.confops.platform.security.Actor;

/**
 * Published as {@code attendee.check-in-annulled} on {@code attendees}, keyed by attendee id: a check-in (or
 * exit) was undone. {@code firstCheckedInAt} and {@code checkedIn} are the attendee's state afterwards.
 */
public record CheckInAnnulled(long checkinId, long attendeeId, long conferenceId, String conferenceSlug,
        String accessCode, String direction, String station, Instant checkedInAt, Actor checkedInBy,
        Instant annulledAt, Actor annulledBy, String reason, Instant firstCheckedInAt, boolean checkedIn) {

    public static final String TYPE = "attendee.check-in-annulled";
}
