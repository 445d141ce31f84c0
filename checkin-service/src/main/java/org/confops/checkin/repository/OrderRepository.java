package org.confops.checkin.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.checkin.domain.CustomerOrder;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, Long> {
}
