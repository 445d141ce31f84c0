package org.confops.bulkpurchase.domain;

import java.util.List;

/** The lifecycle: pending → approved → (processing →) paid; failed, refunded and cancelled end it. */
public final class BulkStatus {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String PROCESSING = "processing";
    public static final String PAID = "paid";
    public static final String FAILED = "failed";
    public static final String REFUNDED = "refunded";
    public static final String CANCELLED = "cancelled";

    public static final List<String> ALL = List.of(PENDING, APPROVED, PROCESSING, PAID, FAILED, REFUNDED, CANCELLED);

    private BulkStatus() {
    }
}
