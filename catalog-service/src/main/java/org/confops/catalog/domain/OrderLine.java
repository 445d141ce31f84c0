package org.confops.catalog.domain;

import java.math.BigDecimal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

@Entity
public class OrderLine {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long orderId;
    public Long productId;
    /** What was bought, as it was named when it was bought. */
    public ProductKind kind;
    public String slug;
    public String description;
    public int quantity;
    public BigDecimal unitPrice;
    public BigDecimal discount;
    public BigDecimal lineTotal;
}
