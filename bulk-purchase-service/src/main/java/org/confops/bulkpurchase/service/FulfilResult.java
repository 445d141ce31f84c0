package org.confops.bulkpurchase.service;

/** The outcome of a fulfil call: codes created now, or none because an earlier call created them. */
public record FulfilResult(PurchaseDetails details, int created, boolean alreadyFulfilled, long voucherCount) {
}
