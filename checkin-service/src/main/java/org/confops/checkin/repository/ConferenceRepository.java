package org.confops.checkin.repository;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.confops.checkin.domain.Conference;
import org.confops.platform.security.ConferenceLookup;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ConferenceRepository implements PanacheRepositoryBase<Conference, Long>, ConferenceLookup<Conference> {

    /** A conference's row changed (the projection applied its event); the cache forgets at the commit. */
    public record Changed() {
    }

    /**
     * How long a conference found by slug is reused. Every request looks its conference up (a profile of the door
     * put that at 7 % of check-in's CPU); conferences change only by the catalog's events, which clear this
     * instance's cache when applied, so another instance shows a renamed conference at most this much later.
     */
    @ConfigProperty(name = "checkin.conference-cache.max-age", defaultValue = "5s")
    Duration maxAge;

    private Cache<String, Conference> bySlug;

    @PostConstruct
    void createCache() {
        bySlug = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumSize(10_000).build();
    }

    /** The conference with this slug; a slug not (yet) known is looked up again every time. */
    @Override
    public Optional<Conference> findConference(String slug) {
        Conference cached = bySlug.getIfPresent(slug);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Conference> found = find("slug", slug).firstResultOptional();
        found.ifPresent(conference -> bySlug.put(slug, conference));
        return found;
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
        bySlug.invalidateAll();
    }
}
