package org.confops.bulkpurchase.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.bulkpurchase.domain.Product;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class ProductRepository implements PanacheRepository<Product> {

    public Optional<Product> findBySource(String kind, long sourceId) {
        return find("kind = ?1 and sourceId = ?2", kind, sourceId).firstResultOptional();
    }

    public Optional<Product> find(long conferenceId, String kind, String slug) {
        // a slug may have been deleted (inactive) and given to a new product: the active one counts
        return find("conferenceId = ?1 and kind = ?2 and slug = ?3 order by active desc, version desc", conferenceId,
                kind, slug)
                .firstResultOptional();
    }
}
