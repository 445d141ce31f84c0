package org.confops.catalog.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.SigningKey;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, Long> {

    public List<SigningKey> ofConference(long conferenceId) {
        return list("conferenceId = ?1 order by id", conferenceId);
    }

    public Optional<SigningKey> active(long conferenceId) {
        return find("conferenceId = ?1 and retiredAt is null", conferenceId).firstResultOptional();
    }
}
