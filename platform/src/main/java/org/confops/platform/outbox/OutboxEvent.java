package org.confops.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event written in the same transaction as the change it describes, published later by the relay.
 * Each service keeps the {@code outbox_event} table in its own database and Flyway history.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID eventId;
    public String topic;
    public String recordKey;
    public String eventType;
    public String subject;
    public String payload;
    public Instant occurredAt;
    public Instant publishedAt;
    /** The W3C trace context of the request that wrote it (null without tracing). */
    public String traceparent;
}
