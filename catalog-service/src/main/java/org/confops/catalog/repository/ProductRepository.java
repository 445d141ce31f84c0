package org.confops.catalog.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.catalog.domain.Product;
import org.confops.catalog.domain.ProductKind;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, Long> {

    public List<Product> list(long conferenceId, ProductKind kind) {
        return list("conferenceId = ?1 and kind = ?2 order by id", conferenceId, kind);
    }

    public Optional<Product> find(long conferenceId, ProductKind kind, String slug) {
        return find("conferenceId = ?1 and kind = ?2 and slug = ?3", conferenceId, kind, slug).firstResultOptional();
    }

    /** Locked for the transaction: orders for a product with a capacity queue up, so it cannot be oversold. */
    public Optional<Product> findForSale(long conferenceId, ProductKind kind, String slug) {
        return find("conferenceId = ?1 and kind = ?2 and slug = ?3", conferenceId, kind, slug)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
