package org.confops.bulkpurchase.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.bulkpurchase.domain.OutboxEvent;
import org.confops.bulkpurchase.repository.OutboxRepository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes events into the outbox table inside the caller's transaction, so they commit with the change. */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxRepository repository;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, String type, String subject, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.topic = topic;
        event.recordKey = key;
        event.eventType = type;
        event.subject = subject;
        event.occurredAt = Instant.now();
        try {
            event.payload = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + type + " is not serializable", e);
        }
        repository.persist(event);
    }

    /** One event to write in a batch. */
    public record Entry(String key, String subject, Object data) {
    }

    /** Many events of one type in one statement, inside the caller's transaction (bulk code issue and revoke). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addAll(String topic, String type, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(entries.size());
        List<String> subjects = new ArrayList<>(entries.size());
        List<String> payloads = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            keys.add(entry.key());
            subjects.add(entry.subject());
            try {
                payloads.add(mapper.writeValueAsString(entry.data()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event " + type + " is not serializable", e);
            }
        }
        repository.insertBatch(topic, type, keys, subjects, payloads, Instant.now());
    }
}
