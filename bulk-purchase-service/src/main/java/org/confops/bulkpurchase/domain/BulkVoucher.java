package org.confops.bulkpurchase.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * One generated code. Its rules live on the purchase (they are the same for every code of it);
 * {@code timesUsed} is what the catalog last reported.
 */
@Entity
public class BulkVoucher {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public long conferenceId;
    public long bulkPurchaseId;
    public String code;
    public int maxUses;
    public int timesUsed;
    public boolean active;
    public long version;
}
