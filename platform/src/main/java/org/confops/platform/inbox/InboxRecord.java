package org.confops.platform.inbox;

import org.apache.kafka.common.header.Headers;

/** One record as read from Kafka, before anything is known about its content. */
public record InboxRecord(String topic, int partition, long offset, String key, String value, Headers headers) {

    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
