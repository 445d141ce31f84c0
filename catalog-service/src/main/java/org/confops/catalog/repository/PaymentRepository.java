package org.confops.catalog.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.Payment;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, Long> {

    public Optional<Payment> find(long orderId, String reference) {
        return find("orderId = ?1 and reference = ?2", orderId, reference).firstResultOptional();
    }

    public List<Payment> listForOrder(long orderId) {
        return list("orderId = ?1 order by id", orderId);
    }
}
