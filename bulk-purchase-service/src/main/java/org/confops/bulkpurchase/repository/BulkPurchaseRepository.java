package org.confops.bulkpurchase.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.bulkpurchase.domain.BulkPurchase;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class BulkPurchaseRepository implements PanacheRepository<BulkPurchase> {

    /** The purchase if it belongs to the conference: another conference's id is "not found". */
    public Optional<BulkPurchase> find(long conferenceId, long id) {
        return find("id = ?1 and conferenceId = ?2", id, conferenceId).firstResultOptional();
    }

    /** Same, with the row locked (SELECT … FOR UPDATE) until the transaction ends: transitions serialize on it. */
    public Optional<BulkPurchase> findForUpdate(long conferenceId, long id) {
        return find("id = ?1 and conferenceId = ?2", id, conferenceId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public PanacheQuery<BulkPurchase> newestFirst(long conferenceId, String status) {
        return status == null
                ? find("conferenceId = ?1 order by id desc", conferenceId)
                : find("conferenceId = ?1 and status = ?2 order by id desc", conferenceId, status);
    }
}
