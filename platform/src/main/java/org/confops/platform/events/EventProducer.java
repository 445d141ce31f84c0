package org.confops.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.common.annotation.Identifier;

/**
 * The service's one Kafka producer for platform events (the relay's and dead letters): idempotent, {@code acks=all},
 * configured from the same {@code kafka.*} settings as the consumers. A plain producer rather than a messaging
 * channel: the relay sends thousands of records a second with headers it sets itself, and waits for them together.
 */
@ApplicationScoped
public class EventProducer {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    EventSource source;

    private Producer<String, String> producer;

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (ProducerConfig.configNames().contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")
                        || key.equals("security.protocol")) {
                    config.put(key, value);
                }
            });
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
            config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, source.uri().getPath().substring(1) + "-events");
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** A CloudEvent in binary mode: attributes as {@code ce_*} headers, the JSON data as the value. */
    public ProducerRecord<String, String> cloudEvent(String topic, String key, String id, String type,
            String subject, Instant time, String data) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, data);
        Headers headers = record.headers();
        header(headers, CloudEvent.SPEC_VERSION, "1.0");
        header(headers, CloudEvent.ID, id);
        header(headers, CloudEvent.TYPE, type);
        header(headers, CloudEvent.SOURCE, source.uri().toString());
        if (subject != null) {
            header(headers, CloudEvent.SUBJECT, subject);
        }
        header(headers, CloudEvent.TIME, time.toString());
        header(headers, CloudEvent.CONTENT_TYPE, "application/json");
        return record;
    }

    /** Sends the records in order and waits until the broker has acknowledged every one (or throws). */
    public void sendAll(List<ProducerRecord<String, String>> records, Duration timeout) {
        List<Future<?>> acks = new ArrayList<>(records.size());
        Producer<String, String> kafka = producer();
        for (ProducerRecord<String, String> record : records) {
            acks.add(kafka.send(record));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<?> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending", e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
