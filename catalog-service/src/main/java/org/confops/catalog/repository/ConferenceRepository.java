package org.confops.catalog.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.Conference;
import org.confops.platform.security.ConferenceLookup;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ConferenceRepository implements PanacheRepositoryBase<Conference, Long>, ConferenceLookup<Conference> {

    @Override
    public Optional<Conference> findConference(String slug) {
        return find("slug", slug).firstResultOptional();
    }
}
