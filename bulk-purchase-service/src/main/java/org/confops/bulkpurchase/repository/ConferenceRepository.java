package org.confops.bulkpurchase.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.bulkpurchase.domain.Conference;
import org.confops.platform.security.ConferenceLookup;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;

@ApplicationScoped
public class ConferenceRepository implements PanacheRepositoryBase<Conference, Long>, ConferenceLookup<Conference> {

    /**
     * The newest conference with this slug (a slug may have moved to another conference). Resources ask outside
     * their transactions: the read joins one or runs in its own.
     */
    @Override
    public Optional<Conference> findConference(String slug) {
        return QuarkusTransaction.joiningExisting().call(() -> find("slug = ?1 order by version desc, id desc", slug)
                .firstResultOptional());
    }
}
