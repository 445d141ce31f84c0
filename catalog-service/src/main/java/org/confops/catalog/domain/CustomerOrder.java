package org.confops.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

@Entity
public class CustomerOrder {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long conferenceId;
    /** Shown to people and used as the order's subject in events. */
    public String reference;
    public String status;
    public String voucherCode;
    public String currency;
    public BigDecimal subtotal;
    public BigDecimal discount;
    public BigDecimal total;
    public BigDecimal refundedAmount = BigDecimal.ZERO;
    public Instant createdAt;
    public long version = 1;

    /** Records a change: the next snapshot carries a newer version. */
    public void touch() {
        version++;
    }

    public BigDecimal refundable() {
        return total.subtract(refundedAmount);
    }
}
