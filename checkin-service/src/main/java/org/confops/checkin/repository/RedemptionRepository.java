package org.confops.checkin.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.checkin.domain.Redemption;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RedemptionRepository implements PanacheRepositoryBase<Redemption, Long> {
}
