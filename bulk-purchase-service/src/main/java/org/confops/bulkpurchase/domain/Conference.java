package org.confops.bulkpurchase.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A conference as the catalog last described it (conference.changed). */
@Entity
public class Conference {
    @Id
    public Long id;
    public String slug;
    public String name;
    public long version;
}
