package org.confops.checkin.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** Admission to something inside the venue (a tutorial, a dinner) for holders of a product. */
@Entity
public class DoorCheck {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long attendeeId;
    public Long conferenceId;
    public String productSlug;
    public String station;
    public boolean admitted;
    public Instant checkedAt;
    public String actorSubject;
    public String actorName;
}
