package org.confops.catalog.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.OrderLine;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OrderLineRepository implements PanacheRepositoryBase<OrderLine, Long> {

    public List<OrderLine> listForOrder(long orderId) {
        return list("orderId = ?1 order by id", orderId);
    }

    /** Units of a product held by orders that still count (not cancelled or fully refunded). */
    public long unitsHeld(long productId) {
        Long units = getEntityManager().createQuery("""
                SELECT coalesce(sum(l.quantity), 0) FROM OrderLine l, CustomerOrder o
                WHERE l.orderId = o.id AND l.productId = ?1 AND o.status NOT IN ('cancelled', 'refunded')""",
                Long.class).setParameter(1, productId).getSingleResult();
        return units;
    }

    public boolean anyFor(long productId) {
        return count("productId", productId) > 0;
    }
}
