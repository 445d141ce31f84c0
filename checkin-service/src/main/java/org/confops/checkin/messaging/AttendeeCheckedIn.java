package org.confops.checkin.messaging;

import java.time.Instant;

import org.confops.platform.security.Actor;

/** Published as {@code attendee.checked-in} on {@code attendees}, keyed by attendee id. */
public record AttendeeCheckedIn(long checkinId, long attendeeId, long conferenceId, String conferenceSlug,
        String accessCode, String station, Instant checkedInAt, Instant firstCheckedInAt, boolean reentry,
        Actor checkedInBy) {

    public static final String TYPE = "attendee.checked-in";
}
