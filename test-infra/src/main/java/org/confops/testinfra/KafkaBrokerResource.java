package org.confops.testinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service under test at a real Kafka broker: the one named by {@code KAFKA_BOOTSTRAP_SERVERS}
 * (so one broker can serve a whole CI run), or else one started on a free port, once per test JVM.
 * The platform's topics are created up front so consumers are assigned partitions at once.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final List<String> TOPICS = List.of("catalog", "orders", "attendees", "vouchers");

    private static String bootstrapServers;
    private static KafkaBroker broker;

    /** The broker this JVM started (empty when the tests use one named by KAFKA_BOOTSTRAP_SERVERS). */
    public static synchronized java.util.Optional<KafkaBroker> startedBroker() {
        return java.util.Optional.ofNullable(broker);
    }

    @Override
    public synchronized Map<String, String> start() {
        if (bootstrapServers == null) {
            bootstrapServers = startOrReuse();
            createTopics(bootstrapServers);
        }
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    @Override
    public void stop() {
        // The broker outlives single test classes; its shutdown hook stops it with the JVM.
    }

    private static String startOrReuse() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return external;
        }
        try {
            Path dir = Files.createTempDirectory("kafka-broker-");
            broker = KafkaBroker.start(dir, 0);
            return broker.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the Kafka broker for tests", e);
        }
    }

    private static void createTopics(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            for (String topic : java.util.stream.Stream.concat(TOPICS.stream(), TOPICS.stream().map(t -> t + ".dlq"))
                    .toList()) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic, e);
                    }
                }
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker at " + bootstrap + " is not usable", e);
        }
    }
}
