package org.confops.bulkpurchase.service;

import java.util.List;

import org.confops.bulkpurchase.domain.BulkPurchase;
import org.confops.bulkpurchase.domain.BulkVoucher;
import org.confops.bulkpurchase.domain.Product;
import org.confops.bulkpurchase.domain.Sponsor;

/** A purchase with what it refers to; {@code vouchers} is null where they were not asked for (lists). */
public record PurchaseDetails(BulkPurchase purchase, Sponsor sponsor, Product ticketType, Product addon,
        List<BulkVoucher> vouchers) {
}
