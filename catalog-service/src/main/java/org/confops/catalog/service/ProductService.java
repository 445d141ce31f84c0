package org.confops.catalog.service;

import org.confops.platform.values.Money;
import org.confops.platform.errors.Rejection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.Product;
import org.confops.catalog.domain.ProductKind;
import org.confops.catalog.messaging.CatalogEvents;
import org.confops.catalog.repository.OrderLineRepository;
import org.confops.catalog.repository.ProductRepository;

/** Ticket types and add-ons: the same rules for both. */
@ApplicationScoped
public class ProductService {

    @Inject
    ProductRepository products;

    @Inject
    OrderLineRepository lines;

    @Inject
    CatalogEvents events;

    @Transactional
    public List<Product> list(Conference conference, ProductKind kind) {
        return products.list(conference.id, kind);
    }

    @Transactional
    public Product get(Conference conference, ProductKind kind, String slug) {
        return products.find(conference.id, kind, slug).orElseThrow(() -> notFound(kind, slug));
    }

    @Transactional
    public Product create(Conference conference, ProductKind kind, ProductDetails details) {
        requireFreeSlug(conference, kind, details.slug(), null);
        Product product = new Product();
        product.conferenceId = conference.id;
        product.kind = kind;
        apply(product, details);
        products.persist(product);
        products.flush();
        events.productChanged(conference, product);
        return product;
    }

    @Transactional
    public Product update(Conference conference, ProductKind kind, String slug, ProductDetails details) {
        Product product = products.find(conference.id, kind, slug).orElseThrow(() -> notFound(kind, slug));
        requireFreeSlug(conference, kind, details.slug(), product.id);
        apply(product, details);
        product.version++;
        events.productChanged(conference, product);
        return product;
    }

    /** Only a product nobody ordered can go; otherwise deactivate it. */
    @Transactional
    public void delete(Conference conference, ProductKind kind, String slug) {
        Product product = products.find(conference.id, kind, slug).orElseThrow(() -> notFound(kind, slug));
        if (lines.anyFor(product.id)) {
            throw Rejection.conflict("It has been ordered: set active to false instead").with("slug", slug);
        }
        product.active = false;
        product.version++;
        events.productChanged(conference, product);
        products.delete(product);
    }

    private void requireFreeSlug(Conference conference, ProductKind kind, String slug, Long self) {
        products.find(conference.id, kind, slug).filter(other -> !other.id.equals(self)).ifPresent(other -> {
            throw Rejection.conflict("The slug is taken").with("field", "slug");
        });
    }

    private static void apply(Product product, ProductDetails details) {
        product.slug = details.slug();
        product.name = details.name().trim();
        product.price = Money.of(details.price());
        product.bulkEnabled = Boolean.TRUE.equals(details.bulkEnabled());
        product.active = details.active() == null || details.active();
        product.capacity = details.capacity();
    }

    private static Rejection notFound(ProductKind kind, String slug) {
        return Rejection.notFound(kind == ProductKind.TICKET_TYPE ? "Ticket type not found" : "Add-on not found")
                .with("slug", slug);
    }
}
