package org.confops.checkin.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An attendee as the catalog last described them, plus the time of their first check-in. */
@Entity
public class Attendee {
    @Id
    public Long id;
    public Long conferenceId;
    public Long orderId;
    public String accessCode;
    public String name;
    public String email;
    public long version;
    /** Owned by check-in; kept on re-entry and never written by the projection. */
    public Instant firstCheckedInAt;
    /** Owned by check-in, for live statistics: whether the latest movement (by when it happened) is an entry. */
    public boolean inside;
    /** When the latest movement that counts happened. */
    public Instant lastMovedAt;
    /** When the latest entry that counts happened (attendees entering today). */
    public Instant lastEntryAt;

    public boolean checkedIn() {
        return firstCheckedInAt != null;
    }
}
