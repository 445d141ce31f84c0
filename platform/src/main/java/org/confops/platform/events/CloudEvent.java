package org.confops.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A platform event as it travels on Kafka: CloudEvents 1.0 in binary mode, the attributes in {@code ce_*}
 * headers and the JSON data as the record value. {@code topic}, {@code partition} and {@code offset} say where
 * it was read, for dead letters and logs.
 */
public record CloudEvent(String id, String type, String source, String subject, String time, String data,
        String topic, int partition, long offset, String key) {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** Empty when the record lacks the attributes every CloudEvent must have (id, type, source). */
    public static Optional<CloudEvent> from(ConsumerRecord<String, String> record) {
        return from(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers());
    }

    /** The same, from the parts of a record. */
    public static Optional<CloudEvent> from(String topic, int partition, long offset, String key, String value,
            Headers headers) {
        String id = header(headers, ID);
        String type = header(headers, TYPE);
        String source = header(headers, SOURCE);
        if (isBlank(id) || isBlank(type) || isBlank(source)) {
            return Optional.empty();
        }
        return Optional.of(new CloudEvent(id, type, source, header(headers, SUBJECT), header(headers, TIME),
                value, topic, partition, offset, key));
    }

    /** Where the event was read, for logs. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
