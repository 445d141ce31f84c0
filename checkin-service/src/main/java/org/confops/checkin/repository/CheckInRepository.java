package org.confops.checkin.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.checkin.domain.CheckIn;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class CheckInRepository implements PanacheRepositoryBase<CheckIn, Long> {
}
