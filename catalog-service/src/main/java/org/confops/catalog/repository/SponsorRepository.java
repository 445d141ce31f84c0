package org.confops.catalog.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.Sponsor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SponsorRepository implements PanacheRepositoryBase<Sponsor, Long> {

    public List<Sponsor> list(long conferenceId) {
        return list("conferenceId = ?1 order by id", conferenceId);
    }

    public Optional<Sponsor> find(long conferenceId, String slug) {
        return find("conferenceId = ?1 and slug = ?2", conferenceId, slug).firstResultOptional();
    }
}
