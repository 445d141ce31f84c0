package org.confops.checkin.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A conference as the catalog last described it. */
@Entity
public class Conference {
    @Id
    public Long id;
    public String slug;
    public String name;
    /** IANA zone of the venue, when the catalog said; "today" in statistics is that zone's day. */
    public String timeZone;
    public long version;
}
