package org.confops.catalog.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An access code an attendee no longer answers to: their badge was reissued under a new one. */
@Entity
public class ReissuedAccessCode {
    @Id
    public String accessCode;
    public Long attendeeId;
    public Instant reissuedAt;
    public String reason;
    public String actorSubject;
    public String actorName;
}
