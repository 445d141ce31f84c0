package org.confops.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.confops.platform.Platform.Service;
import org.confops.testinfra.KafkaBroker;
import org.confops.testinfra.OidcServerResource;
import org.confops.testinfra.PrivatePostgres;
import org.confops.testinfra.Processes;
import org.confops.testinfra.ServiceProcess;

/**
 * The whole platform for fault tests, with parts a test may break: a PostgreSQL cluster of its own (the
 * machine's server is shared and must never be restarted by a test), a Kafka broker of its own, the test OIDC
 * provider, and each service and the gateway from its built jar on a fixed port, so a killed one comes back
 * where the gateway expects it.
 */
final class FaultStack implements AutoCloseable {

    private final PrivatePostgres postgres;
    private final KafkaBroker broker;
    private final Map<Service, Map<String, String>> environments = new EnumMap<>(Service.class);
    private final Map<Service, ServiceProcess> running = new EnumMap<>(Service.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FaultStack(PrivatePostgres postgres, KafkaBroker broker) {
        this.postgres = postgres;
        this.broker = broker;
    }

    private static FaultStack instance;

    /** The one stack of this test JVM; its processes stop with the JVM. */
    static synchronized FaultStack get() throws Exception {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static FaultStack start() throws Exception {
        Path work = Path.of("target", "fault-stack");
        PrivatePostgres postgres = PrivatePostgres.start(work.resolve("postgres"));
        KafkaBroker broker = KafkaBroker.start(work.resolve("kafka-" + System.nanoTime()), 0);
        String oidc = new OidcServerResource().start().get("quarkus.oidc.auth-server-url");
        FaultStack stack = new FaultStack(postgres, broker);
        for (Service service : Service.values()) {
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            env.put("OIDC_AUTH_SERVER_URL", oidc);
            env.put("QUARKUS_HTTP_PORT", String.valueOf(Processes.freePort()));
            if (service.database != null) {
                postgres.createDatabase(service.database);
                env.put("DB_URL", postgres.jdbcUrl(service.database));
                env.put("DB_USER", "postgres");
                env.put("DB_PASSWORD", "");
            } else {
                env.put("CATALOG_URL", stack.url(Service.CATALOG));
                env.put("CHECKIN_URL", stack.url(Service.CHECKIN));
                env.put("BULK_PURCHASE_URL", stack.url(Service.BULK_PURCHASE));
            }
            stack.environments.put(service, env);
            stack.start(service);
        }
        return stack;
    }

    PrivatePostgres postgres() {
        return postgres;
    }

    KafkaBroker broker() {
        return broker;
    }

    String url(Service service) {
        return "http://127.0.0.1:" + environments.get(service).get("QUARKUS_HTTP_PORT");
    }

    String gateway() {
        return url(Service.GATEWAY);
    }

    Connection database(Service service) throws SQLException {
        return postgres.connect(service.database);
    }

    void start(Service service) throws Exception {
        running.put(service, ServiceProcess.start(service.module, environments.get(service)));
    }

    /**
     * Another instance of {@code service} (same database, same consumer group) on a port of its own, with
     * {@code overrides} on top of the first instance's environment; the caller closes it.
     */
    ServiceProcess startAnother(Service service, Map<String, String> overrides) throws Exception {
        Map<String, String> env = new HashMap<>(environments.get(service));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(Processes.freePort()));
        env.putAll(overrides);
        return ServiceProcess.start(service.module, env);
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill(Service service) throws InterruptedException {
        running.remove(service).kill();
    }

    /** Waits until every service and the gateway answers its readiness check with 200; false if one never does. */
    boolean awaitAllReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (Service service : Service.values()) {
            while (!ready(service)) {
                if (Instant.now().isAfter(deadline)) {
                    return false;
                }
                Thread.sleep(200);
            }
        }
        return true;
    }

    private boolean ready(Service service) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        running.values().forEach(ServiceProcess::close);
        running.clear();
        broker.close();
        postgres.close();
    }
}
