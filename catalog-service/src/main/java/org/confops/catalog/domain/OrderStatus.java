package org.confops.catalog.domain;

/** {@code pending → paid → partially_refunded / refunded}, or {@code pending → cancelled}. */
public final class OrderStatus {
    public static final String PENDING = "pending";
    public static final String PAID = "paid";
    public static final String PARTIALLY_REFUNDED = "partially_refunded";
    public static final String REFUNDED = "refunded";
    public static final String CANCELLED = "cancelled";

    private OrderStatus() {
    }
}
