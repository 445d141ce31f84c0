package org.confops.catalog.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.ReissuedAccessCode;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ReissuedAccessCodeRepository implements PanacheRepositoryBase<ReissuedAccessCode, String> {

    /** The attendee's earlier codes, oldest first. */
    public List<String> codesOf(long attendeeId) {
        return find("attendeeId = ?1 order by reissuedAt, accessCode", attendeeId).stream()
                .map(code -> code.accessCode).toList();
    }
}
