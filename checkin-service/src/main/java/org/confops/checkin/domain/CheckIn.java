package org.confops.checkin.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** One admission at a door; a re-entry is another row. */
@Entity
public class CheckIn {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long attendeeId;
    public Long conferenceId;
    public String station;
    public Instant checkedInAt;
    public String actorSubject;
    public String actorName;
}
