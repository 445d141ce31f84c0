package org.confops.catalog.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.catalog.domain.Attendee;
import org.confops.catalog.domain.ReissuedAccessCode;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AttendeeRepository implements PanacheRepositoryBase<Attendee, Long> {

    public Optional<Attendee> findByOrder(long orderId) {
        return find("orderId", orderId).firstResultOptional();
    }

    public Optional<Attendee> findForUpdate(long conferenceId, long id) {
        return find("conferenceId = ?1 and id = ?2", conferenceId, id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** Taken by an attendee now, or once: a reissued badge's old code is never handed out again. */
    public boolean codeTaken(String accessCode) {
        return count("accessCode", accessCode) > 0
                || getEntityManager().find(ReissuedAccessCode.class, accessCode) != null;
    }

    public PanacheQuery<Attendee> ofConference(long conferenceId) {
        return find("conferenceId = ?1 order by id", conferenceId);
    }
}
