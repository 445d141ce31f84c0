package org.confops.checkin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Conference;

/** Read-only look-up of an attendee, whatever their order's status. */
@ApplicationScoped
public class LookupService {

    @Inject
    AttendeeFinder finder;

    @Transactional
    public AttendeeRecord lookup(Conference conference, String accessCode) {
        return finder.find(conference, finder.code(conference, accessCode));
    }
}
