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
    public long version;
}
