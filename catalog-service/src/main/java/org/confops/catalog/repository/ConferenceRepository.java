package org.confops.catalog.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.Conference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ConferenceRepository implements PanacheRepositoryBase<Conference, Long> {

    public Optional<Conference> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }
}
