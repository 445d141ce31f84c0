package org.confops.catalog.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.catalog.domain.CustomerOrder;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, Long> {

    public PanacheQuery<CustomerOrder> newestFirst(long conferenceId, String status) {
        return status == null
                ? find("conferenceId = ?1 order by id desc", conferenceId)
                : find("conferenceId = ?1 and status = ?2 order by id desc", conferenceId, status);
    }

    /** The conference's order, locked: state changes of one order happen one after the other. */
    public Optional<CustomerOrder> findForUpdate(long conferenceId, long orderId) {
        return find("id = ?1 and conferenceId = ?2", orderId, conferenceId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<CustomerOrder> find(long conferenceId, long orderId) {
        return find("id = ?1 and conferenceId = ?2", orderId, conferenceId).firstResultOptional();
    }
}
