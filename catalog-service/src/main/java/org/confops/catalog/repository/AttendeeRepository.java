package org.confops.catalog.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.Attendee;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AttendeeRepository implements PanacheRepositoryBase<Attendee, Long> {

    public Optional<Attendee> findByOrder(long orderId) {
        return find("orderId", orderId).firstResultOptional();
    }

    public boolean codeTaken(String accessCode) {
        return count("accessCode", accessCode) > 0;
    }

    public PanacheQuery<Attendee> ofConference(long conferenceId) {
        return find("conferenceId = ?1 order by id", conferenceId);
    }
}
