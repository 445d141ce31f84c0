package org.confops.checkin.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** One movement through a door: an entry (a re-entry is another row) or an exit. */
@Entity
public class CheckIn {
    public static final String ENTRY = "entry";
    public static final String EXIT = "exit";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long attendeeId;
    public Long conferenceId;
    public String station;
    /** {@code entry} or {@code exit}. */
    public String direction = ENTRY;
    /** When it happened (for a scan queued offline: the device's time, never later than recordedAt). */
    public Instant checkedInAt;
    /** When the server learned of it. */
    public Instant recordedAt;
    public String actorSubject;
    public String actorName;
    /** Set when undone (a mistaken scan): the row stays for the record but no longer counts anywhere. */
    public Instant annulledAt;
    public String annulledBySubject;
    public String annulledByName;
    public String annulReason;

    public boolean annulled() {
        return annulledAt != null;
    }
}
