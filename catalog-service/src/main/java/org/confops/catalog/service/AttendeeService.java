package org.confops.catalog.service;

import org.confops.platform.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Attendee;
import org.confops.catalog.domain.Conference;
import org.confops.catalog.repository.AttendeeRepository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

@ApplicationScoped
public class AttendeeService {

    @Inject
    AttendeeRepository attendees;

    @Transactional
    public Page<Attendee> list(Conference conference, int page, int size) {
        PanacheQuery<Attendee> query = attendees.ofConference(conference.id).page(page - 1, size);
        return new Page<>(query.list(), page, size, query.count());
    }
}
