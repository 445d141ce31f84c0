package org.confops.bulkpurchase.service;

import org.confops.platform.values.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.bulkpurchase.domain.Conference;
import org.confops.platform.inbox.NewestVersion;
import org.confops.bulkpurchase.domain.Product;
import org.confops.bulkpurchase.domain.Sponsor;
import org.confops.bulkpurchase.messaging.ConferenceSnapshot;
import org.confops.bulkpurchase.messaging.ProductSnapshot;
import org.confops.bulkpurchase.messaging.SponsorSnapshot;
import org.confops.bulkpurchase.repository.ConferenceRepository;
import org.confops.bulkpurchase.repository.ProductRepository;
import org.confops.bulkpurchase.repository.SponsorRepository;


/**
 * Applies catalog snapshots to this service's own tables. A snapshot replaces what is held only when its
 * version is newer, so redelivered and out-of-order events change nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ProjectionService {

    @Inject
    ConferenceRepository conferences;

    @Inject
    ProductRepository products;

    @Inject
    SponsorRepository sponsors;

    public void apply(ConferenceSnapshot snapshot) {
        Conference conference = conferences.findById(snapshot.id());
        if (conference == null) {
            conference = new Conference();
            conference.id = snapshot.id();
        } else if (NewestVersion.isStale("conference", snapshot.id(), conference.version, snapshot.version())) {
            return;
        }
        conference.slug = snapshot.slug();
        conference.name = snapshot.name();
        conference.version = snapshot.version();
        conferences.persist(conference);
    }

    public void apply(String kind, ProductSnapshot snapshot) {
        Product product = products.findBySource(kind, snapshot.id()).orElse(null);
        if (product == null) {
            product = new Product();
            product.kind = kind;
            product.sourceId = snapshot.id();
        } else if (NewestVersion.isStale(kind, snapshot.id(), product.version, snapshot.version())) {
            return;
        }
        product.conferenceId = snapshot.conferenceId();
        product.slug = snapshot.slug();
        product.name = snapshot.name();
        product.price = Money.of(snapshot.price());
        product.bulkEnabled = snapshot.bulkEnabled();
        product.active = snapshot.active();
        product.version = snapshot.version();
        products.persist(product);
    }

    public void apply(SponsorSnapshot snapshot) {
        Sponsor sponsor = sponsors.findById(snapshot.id());
        if (sponsor == null) {
            sponsor = new Sponsor();
            sponsor.id = snapshot.id();
        } else if (NewestVersion.isStale("sponsor", snapshot.id(), sponsor.version, snapshot.version())) {
            return;
        }
        sponsor.conferenceId = snapshot.conferenceId();
        sponsor.slug = snapshot.slug();
        sponsor.name = snapshot.name();
        sponsor.level = snapshot.level() == null ? "" : snapshot.level();
        sponsor.version = snapshot.version();
        sponsors.persist(sponsor);
    }
}
