package org.confops.checkin.service;

import org.confops.platform.errors.Rejection;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.CheckIn;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.messaging.AttendeeCheckedIn;
import org.confops.checkin.messaging.AttendeeCheckedOut;
import org.confops.platform.outbox.Outbox;
import org.confops.checkin.repository.DoorRows;
import org.confops.platform.security.Actor;

/**
 * Admits attendees at the door: every entry of an admitted badge is a check-in and the earliest one is
 * remembered as the first; exits are recorded too, so statistics know who is inside.
 */
@ApplicationScoped
public class CheckinService {

    public static final int MAX_STATION_LENGTH = 100;

    @Inject
    AttendeeFinder finder;

    @Inject
    DoorRows doorRows;

    @Inject
    Outbox outbox;

    @Inject
    Tallies tallies;

    @Transactional(dontRollbackOn = Rejection.class)
    public ScanResult scan(Conference conference, Movement movement, Actor actor) {
        String code = finder.code(conference, movement.accessCode());
        String stationName = normalizeStation(movement.station());
        boolean exit = isExit(movement.direction());
        // Leaving is recorded for anyone known; entering needs an order that admits.
        AttendeeRecord record = exit ? finder.lockForMovement(conference, code)
                : finder.lockAdmittedForMovement(conference, code);
        Attendee attendee = record.attendee();
        Instant now = Timestamps.now();
        Instant at = movement.occurredAt() == null || movement.occurredAt().isAfter(now) ? now
                : movement.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        boolean reentry = !exit && attendee.checkedIn();
        if (!exit && (!attendee.checkedIn() || at.isBefore(attendee.firstCheckedInAt))) {
            // an entry queued offline may have happened before the one the server heard of first
            attendee.firstCheckedInAt = at;
        }
        if (attendee.lastMovedAt == null || !at.isBefore(attendee.lastMovedAt)) {
            // the latest movement by when it happened decides who is inside (an offline exit queued earlier does not)
            attendee.inside = !exit;
            attendee.lastMovedAt = at;
        }
        if (!exit) {
            if (attendee.lastEntryAt == null || at.isAfter(attendee.lastEntryAt)) {
                attendee.lastEntryAt = at;
            }
            tallies.add(conference.id, Tallies.ENTRIES, record.ticketTypeSlug(), stationName == null ? "" : stationName,
                    Tallies.slot(at), 1);
        }
        CheckIn checkIn = new CheckIn();
        checkIn.attendeeId = attendee.id;
        checkIn.conferenceId = conference.id;
        checkIn.station = stationName;
        checkIn.direction = exit ? CheckIn.EXIT : CheckIn.ENTRY;
        checkIn.checkedInAt = at;
        checkIn.recordedAt = now;
        checkIn.actorSubject = actor.subject();
        checkIn.actorName = actor.name();
        doorRows.record(checkIn, attendee);
        String key = attendee.id.toString();
        if (exit) {
            outbox.add("attendees", key, AttendeeCheckedOut.TYPE, attendee.accessCode, new AttendeeCheckedOut(
                    checkIn.id, attendee.id, conference.id, conference.slug, attendee.accessCode, stationName, at, actor));
        } else {
            outbox.add("attendees", key, AttendeeCheckedIn.TYPE, attendee.accessCode, new AttendeeCheckedIn(
                    checkIn.id, attendee.id, conference.id, conference.slug, attendee.accessCode, stationName, at,
                    attendee.firstCheckedInAt, reentry, actor));
        }
        return new ScanResult(record, checkIn, reentry, false);
    }

    private static boolean isExit(String direction) {
        if (direction == null || direction.isBlank() || CheckIn.ENTRY.equals(direction)) {
            return false;
        }
        if (CheckIn.EXIT.equals(direction)) {
            return true;
        }
        throw Rejection.invalid("type must be entry or exit");
    }

    private static String normalizeStation(String station) {
        if (station == null || station.isBlank()) {
            return null;
        }
        String trimmed = station.trim();
        if (trimmed.length() > MAX_STATION_LENGTH) {
            throw Rejection.invalid("station must be at most " + MAX_STATION_LENGTH + " characters");
        }
        return trimmed;
    }
}
