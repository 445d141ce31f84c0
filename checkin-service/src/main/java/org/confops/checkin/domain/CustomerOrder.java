package org.confops.checkin.domain;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An order as the catalog last described it; only its status and line items matter at the door. */
@Entity
public class CustomerOrder {

    /** Statuses that admit the attendee (django-program's rule: paid, or paid and later partly refunded). */
    public static final Set<String> ADMITTING_STATUSES = Set.of("paid", "partially_refunded");

    @Id
    public Long id;
    public Long conferenceId;
    public String status;
    public long version;

    public boolean admits() {
        return ADMITTING_STATUSES.contains(status);
    }
}
