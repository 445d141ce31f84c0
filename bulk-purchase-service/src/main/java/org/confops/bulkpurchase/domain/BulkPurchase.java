package org.confops.bulkpurchase.domain;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A sponsor's order of {@code quantity} voucher codes, from request to delivered codes. */
@Entity
public class BulkPurchase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public long conferenceId;
    public Long sponsorId;
    /** {@link Product} row ids (not the catalog's). */
    public Long ticketTypeId;
    public Long addonId;
    public int quantity;
    public BigDecimal unitPrice;
    public BigDecimal total;
    public String status;

    // voucher_config
    public String voucherType;
    public BigDecimal discountValue;
    public int maxUses = 1;
    public Instant validFrom;
    public Instant validUntil;
    public String codePrefix;
    public boolean unlocksHiddenTickets;

    public String paymentReference;
    public Instant createdAt;
    public String requestedBySubject;
    public String requestedByName;
    public Instant approvedAt;
    public String approvedBySubject;
    public String approvedByName;
    public Instant paidAt;
    public Instant fulfilledAt;
    public String fulfilledBySubject;
    public String fulfilledByName;
    public Instant closedAt;
    public String closedBySubject;
    public String closedByName;

    public boolean isComp() {
        return total != null && total.signum() == 0;
    }
}
