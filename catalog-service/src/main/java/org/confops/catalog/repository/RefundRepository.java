package org.confops.catalog.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.Refund;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RefundRepository implements PanacheRepositoryBase<Refund, Long> {

    public List<Refund> listForOrder(long orderId) {
        return list("orderId = ?1 order by id", orderId);
    }
}
