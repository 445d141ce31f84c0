package org.confops.bulkpurchase.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A sponsor as the catalog last described it (sponsor.changed). */
@Entity
public class Sponsor {
    @Id
    public Long id;
    public long conferenceId;
    public String slug;
    public String name;
    public String level;
    public long version;
}
