package org.confops.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

@Entity
public class Payment {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long orderId;
    /** The payment provider's reference; recording it twice is one payment. */
    public String reference;
    public BigDecimal amount;
    public Instant recordedAt;
    public String actorSubject;
    public String actorName;
}
