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

    public boolean checkedIn() {
        return firstCheckedInAt != null;
    }
}
