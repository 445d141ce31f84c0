package org.confops.bulkpurchase.domain;

import java.math.BigDecimal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * A ticket type or add-on as the catalog last described it. The catalog's id is unique only per kind,
 * so the row has its own id and keeps the catalog's as {@code sourceId}.
 */
@Entity
public class Product {
    public static final String TICKET_TYPE = "ticket_type";
    public static final String ADDON = "addon";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String kind;
    public long sourceId;
    public long conferenceId;
    public String slug;
    public String name;
    public BigDecimal price;
    public boolean bulkEnabled;
    public boolean active;
    public long version;
}
