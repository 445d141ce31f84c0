package org.confops.catalog.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** The person an order registers; their access code is printed on the badge. */
@Entity
public class Attendee {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long conferenceId;
    public Long orderId;
    public String accessCode;
    public String name;
    public String email;
    public long version = 1;
}
