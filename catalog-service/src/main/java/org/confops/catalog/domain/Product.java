package org.confops.catalog.domain;

import java.math.BigDecimal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A ticket type or an add-on of a conference. */
@Entity
public class Product {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long conferenceId;
    public ProductKind kind;
    public String slug;
    public String name;
    public BigDecimal price;
    public boolean bulkEnabled;
    public boolean active = true;
    /** Units that may be sold in orders that are not cancelled or refunded; null is unlimited. */
    public Integer capacity;
    public long version = 1;
}
