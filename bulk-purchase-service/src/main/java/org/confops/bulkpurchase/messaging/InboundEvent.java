package org.confops.bulkpurchase.messaging;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;

/** A CloudEvent read from Kafka (binary mode: attributes in {@code ce_*} headers, JSON data in the value). */
public record InboundEvent(String id, String type, String source, String subject, String data) {

    /** Empty when the record carries no CloudEvents attributes: such records are not platform events. */
    public static Optional<InboundEvent> from(Message<String> message) {
        return message.getMetadata(IncomingKafkaCloudEventMetadata.class)
                .map(ce -> new InboundEvent(ce.getId(), ce.getType(), String.valueOf(ce.getSource()),
                        (String) ce.getSubject().orElse(null), message.getPayload()));
    }
}
