package org.confops.bulkpurchase.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.bulkpurchase.domain.Conference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ConferenceRepository implements PanacheRepositoryBase<Conference, Long> {

    /** The newest conference with this slug (a slug may have moved to another conference). */
    public Optional<Conference> findBySlug(String slug) {
        return find("slug = ?1 order by version desc, id desc", slug).firstResultOptional();
    }
}
