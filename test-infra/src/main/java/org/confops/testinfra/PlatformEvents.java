package org.confops.testinfra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Talks to the real broker the way other services do: CloudEvents in binary mode, JSON data. */
public final class PlatformEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    /** A record as read back from a topic, with its CloudEvents headers. */
    public record Received(String topic, String key, Map<String, String> headers, JsonNode data) {
        public String type() {
            return headers.get("ce_type");
        }
    }

    private PlatformEvents() {
    }

    /** Publishes a CloudEvent with a fresh id and returns that id. */
    public static String publish(String topic, String key, String type, Object data) {
        String id = UUID.randomUUID().toString();
        publish(topic, key, id, type, data);
        return id;
    }

    /** Publishes a CloudEvent with the given id (to simulate redelivery) and waits for the broker's ack. */
    public static void publish(String topic, String key, String id, String type, Object data) {
        try {
            String value = data instanceof String raw ? raw : MAPPER.writeValueAsString(data);
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", id);
            header(record, "ce_type", type);
            header(record, "ce_source", "/test");
            header(record, "ce_time", Instant.now().toString());
            header(record, "content-type", "application/json");
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
    }

    /** One record's key and data, for {@link #publishMany(String, String, List)}. */
    public record Keyed(String key, Object data) {
    }

    /** Publishes many CloudEvents with fresh ids under one key without waiting for each, then for all. */
    public static void publishMany(String topic, String key, String type, List<?> data) {
        publishMany(topic, type, data.stream().map(item -> new Keyed(key, item)).toList());
    }

    /** Publishes many CloudEvents with fresh ids, each under its own key, then waits for the broker's acks. */
    public static void publishMany(String topic, String type, List<Keyed> records) {
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>(records.size());
            for (Keyed item : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, item.key(),
                        MAPPER.writeValueAsString(item.data()));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", UUID.randomUUID().toString());
                header(record, "ce_type", type);
                header(record, "ce_source", "/test");
                header(record, "ce_time", Instant.now().toString());
                header(record, "content-type", "application/json");
                sent.add(producer().send(record));
            }
            for (java.util.concurrent.Future<?> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
    }

    /**
     * Publishes a marker (a type no service handles) with {@code key}, so it lands on the same partition behind
     * the records under test, and waits until {@code processed} says the service recorded its id: then the
     * service has processed everything published before it with that key.
     */
    public static void awaitConsumed(String topic, String key, Predicate<String> processed) {
        String marker = publish(topic, key, "platform.marker", Map.of("key", key));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!processed.test(marker)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Marker " + marker + " on " + topic + " was not processed within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Publishes a record with no CloudEvents headers at all. */
    public static void publishPlain(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code topic} from the beginning until {@code wanted} records match or the time is up. */
    public static List<Received> read(String topic, Predicate<Received> filter, int wanted, Duration timeout) {
        List<Received> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < wanted && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Received received = new Received(record.topic(), record.key(), headers(record),
                            json(record.value()));
                    if (filter.test(received)) {
                        found.add(received);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** The value as JSON, or as a JSON string when it is not JSON (a poison record, say). */
    private static JsonNode json(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (Exception notJson) {
            return MAPPER.getNodeFactory().textNode(value);
        }
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        return java.util.stream.StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8),
                        (first, second) -> second));
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private static Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
