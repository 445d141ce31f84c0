package org.confops.checkin.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.checkin.domain.DoorCheck;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DoorCheckRepository implements PanacheRepositoryBase<DoorCheck, Long> {
}
