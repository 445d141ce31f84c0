package org.confops.checkin.messaging;

import java.time.Instant;

import org.confops.platform.security.Actor;

/** Published as {@code attendee.checked-out} on {@code attendees}, keyed by attendee id. */
public record AttendeeCheckedOut(long checkinId, long attendeeId, long conferenceId, String conferenceSlug,
        String accessCode, String station, Instant checkedOutAt, Actor checkedOutBy) {

    public static final String TYPE = "attendee.checked-out";
}
