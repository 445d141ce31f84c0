package org.confops.bulkpurchase.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.bulkpurchase.domain.BulkVoucher;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class BulkVoucherRepository implements PanacheRepository<BulkVoucher> {

    public List<BulkVoucher> forPurchase(long purchaseId) {
        return list("bulkPurchaseId = ?1 order by id", purchaseId);
    }

    public long countForPurchase(long purchaseId) {
        return count("bulkPurchaseId", purchaseId);
    }

    /** Takes the catalog's use count, never lowering it: redelivered or out-of-order reports change nothing. */
    public int recordUses(long voucherId, int timesUsed) {
        return update("timesUsed = ?1 where id = ?2 and timesUsed < ?1", timesUsed, voucherId);
    }
}
