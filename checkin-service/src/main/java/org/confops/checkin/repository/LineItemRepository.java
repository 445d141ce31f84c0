package org.confops.checkin.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.checkin.domain.LineItem;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LineItemRepository implements PanacheRepositoryBase<LineItem, Long> {

    public List<LineItem> listForOrder(Long orderId) {
        if (orderId == null) {
            return List.of();
        }
        return list("orderId = ?1 order by id", orderId);
    }

    /**
     * The line, row-locked until the transaction ends so concurrent redemptions of it queue up. Refreshed
     * under the lock: an instance already loaded in this transaction may hold a count read before the lock.
     */
    public Optional<LineItem> findInOrderForUpdate(long lineItemId, Long orderId) {
        Optional<LineItem> line = find("id = ?1 and orderId = ?2", lineItemId, orderId).firstResultOptional();
        line.ifPresent(item -> getEntityManager().refresh(item, LockModeType.PESSIMISTIC_WRITE));
        return line;
    }
}
