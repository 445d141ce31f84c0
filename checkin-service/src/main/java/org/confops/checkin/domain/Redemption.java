package org.confops.checkin.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** One unit of an add-on handed out to an attendee. */
@Entity
public class Redemption {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long attendeeId;
    public Long conferenceId;
    public Long lineItemId;
    public Instant redeemedAt;
    public String actorSubject;
    public String actorName;
}
