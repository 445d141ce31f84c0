package org.confops.checkin.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.CheckIn;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.messaging.AttendeeCheckedIn;
import org.confops.checkin.messaging.Outbox;
import org.confops.checkin.repository.CheckInRepository;
import org.confops.checkin.security.Actor;

/** Admits attendees at the door: every scan of an admitted badge is a check-in; the first one is remembered. */
@ApplicationScoped
public class CheckinService {

    public static final int MAX_STATION_LENGTH = 100;

    @Inject
    AttendeeFinder finder;

    @Inject
    CheckInRepository checkIns;

    @Inject
    Outbox outbox;

    @Transactional
    public ScanResult scan(Conference conference, String accessCode, String station, Actor actor) {
        String code = AttendeeFinder.normalize(accessCode);
        String stationName = normalizeStation(station);
        AttendeeRecord record = finder.findAdmitted(conference, code, true);
        Attendee attendee = record.attendee();
        Instant now = Timestamps.now();
        boolean reentry = attendee.checkedIn();
        if (!reentry) {
            attendee.firstCheckedInAt = now;
        }
        CheckIn checkIn = new CheckIn();
        checkIn.attendeeId = attendee.id;
        checkIn.conferenceId = conference.id;
        checkIn.station = stationName;
        checkIn.checkedInAt = now;
        checkIn.actorSubject = actor.subject();
        checkIn.actorName = actor.name();
        checkIns.persist(checkIn);
        checkIns.flush();
        outbox.add("attendees", attendee.id.toString(), AttendeeCheckedIn.TYPE, attendee.accessCode,
                new AttendeeCheckedIn(checkIn.id, attendee.id, conference.id, conference.slug, attendee.accessCode,
                        stationName, now, attendee.firstCheckedInAt, reentry, actor));
        return new ScanResult(record, checkIn, reentry);
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
