package org.confops.catalog.domain;

import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

@Entity
public class Conference {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String slug;
    public String name;
    public LocalDate startDate;
    public LocalDate endDate;
    public String timeZone;
    /** Grows with every change; travels in the snapshot events. */
    public long version = 1;
}
