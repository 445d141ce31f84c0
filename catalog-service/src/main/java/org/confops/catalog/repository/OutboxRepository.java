package org.confops.catalog.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.catalog.domain.OutboxEvent;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    public List<OutboxEvent> nextUnpublished(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
    }

    /**
     * A transaction-scoped PostgreSQL advisory lock: only one relay, across all instances, publishes at a
     * time, which keeps each key's events in commit order on the topic.
     */
    public boolean tryRelayLock() {
        return (Boolean) getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(7463001)")
                .getSingleResult();
    }
}
