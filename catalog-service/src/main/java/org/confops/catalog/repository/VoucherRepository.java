package org.confops.catalog.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.catalog.domain.Voucher;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class VoucherRepository implements PanacheRepositoryBase<Voucher, Long> {

    public Optional<Voucher> findBySource(long sourceId) {
        return find("sourceId", sourceId).firstResultOptional();
    }

    public Optional<Voucher> find(long conferenceId, String code) {
        return find("conferenceId = ?1 and code = ?2", conferenceId, code).firstResultOptional();
    }

    /** Locked for the transaction: two orders can never both take the last use. */
    public Optional<Voucher> findForUse(long conferenceId, String code) {
        return find("conferenceId = ?1 and code = ?2", conferenceId, code)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
