package org.confops.bulkpurchase.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.bulkpurchase.domain.Sponsor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SponsorRepository implements PanacheRepositoryBase<Sponsor, Long> {

    public Optional<Sponsor> find(long conferenceId, String slug) {
        return find("conferenceId = ?1 and slug = ?2", conferenceId, slug).firstResultOptional();
    }
}
