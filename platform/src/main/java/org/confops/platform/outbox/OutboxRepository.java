package org.confops.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The outbox rows, for looking at them (tests, operations); the relay itself works in plain SQL. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** Rows the relay has not published yet. */
    public long backlog() {
        return count("publishedAt is null");
    }
}
