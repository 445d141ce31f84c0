package org.confops.catalog.service;

import org.confops.platform.errors.Rejection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Conference;
import org.confops.catalog.messaging.CatalogEvents;
import org.confops.catalog.repository.ConferenceRepository;

@ApplicationScoped
public class ConferenceService {

    @Inject
    ConferenceRepository conferences;

    @Inject
    CatalogEvents events;

    @Inject
    SigningKeyService signingKeys;

    @Transactional
    public Conference create(ConferenceDetails details) {
        if (conferences.findConference(details.slug()).isPresent()) {
            throw Rejection.conflict("A conference with this slug exists").with("field", "slug");
        }
        Conference conference = new Conference();
        conference.slug = details.slug();
        apply(conference, details);
        conferences.persist(conference);
        conferences.flush();
        signingKeys.createFirstKey(conference);
        events.conferenceChanged(conference);
        return conference;
    }

    /** Replaces name, dates and time zone; the slug stays (it names the conference everywhere). */
    @Transactional
    public Conference update(Conference conference, ConferenceDetails details) {
        if (!conference.slug.equals(details.slug())) {
            throw Rejection.unprocessable("slug", "A conference's slug cannot change");
        }
        Conference managed = conferences.findById(conference.id);
        apply(managed, details);
        managed.version++;
        events.conferenceChanged(managed);
        return managed;
    }

    @Transactional
    public List<Conference> list() {
        return conferences.listAll(io.quarkus.panache.common.Sort.by("startDate").and("id"));
    }

    private static void apply(Conference conference, ConferenceDetails details) {
        conference.name = details.name().trim();
        conference.startDate = details.startDate();
        conference.endDate = details.endDate();
        conference.timeZone = details.timeZone();
    }
}
