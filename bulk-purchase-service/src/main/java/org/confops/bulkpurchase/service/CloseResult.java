package org.confops.bulkpurchase.service;

import java.util.List;

/** A cancel or refund: how many unused codes were revoked, and the used ones that stay valid. */
public record CloseResult(PurchaseDetails details, int revoked, List<UsedVoucher> used) {

    public record UsedVoucher(String code, int timesUsed, int maxUses) {
    }
}
