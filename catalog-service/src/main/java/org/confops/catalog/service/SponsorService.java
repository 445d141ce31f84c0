package org.confops.catalog.service;

import org.confops.platform.errors.Rejection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.Sponsor;
import org.confops.catalog.messaging.CatalogEvents;
import org.confops.catalog.repository.SponsorRepository;

@ApplicationScoped
public class SponsorService {

    @Inject
    SponsorRepository sponsors;

    @Inject
    CatalogEvents events;

    @Transactional
    public List<Sponsor> list(Conference conference) {
        return sponsors.list(conference.id);
    }

    @Transactional
    public Sponsor get(Conference conference, String slug) {
        return sponsors.find(conference.id, slug).orElseThrow(() -> notFound(slug));
    }

    @Transactional
    public Sponsor create(Conference conference, SponsorDetails details) {
        requireFreeSlug(conference, details.slug(), null);
        Sponsor sponsor = new Sponsor();
        sponsor.conferenceId = conference.id;
        apply(sponsor, details);
        sponsors.persist(sponsor);
        sponsors.flush();
        events.sponsorChanged(conference, sponsor);
        return sponsor;
    }

    @Transactional
    public Sponsor update(Conference conference, String slug, SponsorDetails details) {
        Sponsor sponsor = sponsors.find(conference.id, slug).orElseThrow(() -> notFound(slug));
        requireFreeSlug(conference, details.slug(), sponsor.id);
        apply(sponsor, details);
        sponsor.version++;
        events.sponsorChanged(conference, sponsor);
        return sponsor;
    }

    private void requireFreeSlug(Conference conference, String slug, Long self) {
        sponsors.find(conference.id, slug).filter(other -> !other.id.equals(self)).ifPresent(other -> {
            throw Rejection.conflict("The slug is taken").with("field", "slug");
        });
    }

    private static void apply(Sponsor sponsor, SponsorDetails details) {
        sponsor.slug = details.slug();
        sponsor.name = details.name().trim();
        sponsor.level = details.level().trim();
    }

    private static Rejection notFound(String slug) {
        return Rejection.notFound("Sponsor not found").with("slug", slug);
    }
}
