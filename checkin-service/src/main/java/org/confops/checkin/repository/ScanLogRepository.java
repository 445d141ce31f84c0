package org.confops.checkin.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.checkin.domain.ScanLogEntry;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ScanLogRepository implements PanacheRepositoryBase<ScanLogEntry, Long> {
}
