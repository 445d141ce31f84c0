package org.confops.platform;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.confops.testinfra.KafkaBrokerResource;
import org.confops.testinfra.KeycloakServer;
import org.confops.testinfra.PostgresDatabaseResource;
import org.confops.testinfra.Processes;
import org.confops.testinfra.ServiceProcess;

/**
 * The platform as it runs in production, once per test JVM: the real Keycloak with the confops realm, one
 * real Kafka broker, and each service and the gateway from its built jar in its own process with its own
 * (fresh) database.
 */
final class Platform {

    enum Service {
        CATALOG("catalog-service", "catalog_it"),
        CHECKIN("checkin-service", "checkin_it"),
        BULK_PURCHASE("bulk-purchase-service", "bulk_purchase_it"),
        GATEWAY("gateway", null);

        final String module;
        final String database;

        Service(String module, String database) {
            this.module = module;
            this.database = database;
        }
    }

    private static Platform instance;

    private final KeycloakServer keycloak;
    /** Every service and the gateway export their traces here, as they would to a collector. */
    private final OtlpReceiver traces;
    /** An origin (a free local port) the gateway admits for CORS: where a test serves a browser page from. */
    private final String browserOrigin;
    private final Map<String, String> shared = new HashMap<>();
    private final Map<Service, Map<String, String>> environments = new EnumMap<>(Service.class);
    private final Map<Service, ServiceProcess> running = new EnumMap<>(Service.class);

    private Platform(KeycloakServer keycloak) {
        this.keycloak = keycloak;
        try {
            this.traces = OtlpReceiver.start();
            this.browserOrigin = "http://127.0.0.1:" + Processes.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The extra origin the gateway allows (CORS), for a page served by a test from another origin. */
    String browserOrigin() {
        return browserOrigin;
    }

    /** The spans the platform exported so far. */
    OtlpReceiver traces() {
        return traces;
    }

    static synchronized Platform get() throws Exception {
        if (instance == null) {
            KeycloakServer keycloak = KeycloakServer.start(Path.of(System.getProperty("keycloak.home")),
                    Path.of("..", "deploy", "keycloak", "confops-realm.json"));
            Platform platform = new Platform(keycloak);
            platform.shared.put("KAFKA_BOOTSTRAP_SERVERS",
                    new KafkaBrokerResource().start().get("kafka.bootstrap.servers"));
            platform.shared.put("OIDC_AUTH_SERVER_URL", keycloak.realmUrl("confops"));
            // The OpenTelemetry standard variable, as an operator sets it: traces go on because an endpoint exists.
            // A benchmark may run without (-Dplatform.tracing=false), so the receiver in this JVM costs it nothing.
            if (Boolean.parseBoolean(System.getProperty("platform.tracing", "true"))) {
                platform.shared.put("OTEL_EXPORTER_OTLP_ENDPOINT", platform.traces.endpoint());
                platform.shared.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
            }
            platform.start(Service.CATALOG);
            platform.start(Service.CHECKIN);
            platform.start(Service.BULK_PURCHASE);
            platform.start(Service.GATEWAY);
            instance = platform;
        }
        return instance;
    }

    /** An access token for a demo user of the realm (password = user name), from Keycloak's password grant. */
    String login(String user) {
        return keycloak.passwordGrant("confops", "confops-api", user, user);
    }

    String url(Service service) {
        return running.get(service).baseUrl();
    }

    long pid(Service service) {
        return running.get(service).pid();
    }

    /** A JDBC connection to a service's own database, for benchmarks that watch an effect land. */
    java.sql.Connection database(Service service) throws java.sql.SQLException {
        Map<String, String> env = environments.get(service);
        return java.sql.DriverManager.getConnection(env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
    }

    void stop(Service service) {
        running.remove(service).close();
    }

    void start(Service service) throws Exception {
        Map<String, String> env = environments.computeIfAbsent(service, this::environment);
        running.put(service, ServiceProcess.start(service.module, env));
    }

    private Map<String, String> environment(Service service) {
        Map<String, String> env = new HashMap<>(shared);
        try {
            env.put("QUARKUS_HTTP_PORT", String.valueOf(Processes.freePort()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (service.database != null) {
            PostgresDatabaseResource db = new PostgresDatabaseResource();
            db.init(Map.of("database", service.database, "fresh", "true"));
            Map<String, String> config = db.start();
            env.put("DB_URL", config.get("quarkus.datasource.jdbc.url"));
            env.put("DB_USER", config.get("quarkus.datasource.username"));
            env.put("DB_PASSWORD", config.get("quarkus.datasource.password"));
        }
        if (service == Service.GATEWAY) {
            env.put("CATALOG_URL", url(Service.CATALOG));
            env.put("CHECKIN_URL", url(Service.CHECKIN));
            env.put("BULK_PURCHASE_URL", url(Service.BULK_PURCHASE));
            env.put("CORS_ORIGINS", "http://localhost:3000,http://localhost:5173," + browserOrigin);
        }
        return env;
    }
}
