package org.confops.checkin.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.checkin.domain.Attendee;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AttendeeRepository implements PanacheRepositoryBase<Attendee, Long> {

    public Optional<Attendee> findByCode(long conferenceId, String accessCode) {
        return find("conferenceId = ?1 and accessCode = ?2", conferenceId, accessCode).firstResultOptional();
    }

    /** The attendee, row-locked so concurrent scans of one badge agree on which was the first. */
    public Optional<Attendee> findByCodeForUpdate(long conferenceId, String accessCode) {
        return find("conferenceId = ?1 and accessCode = ?2", conferenceId, accessCode)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
