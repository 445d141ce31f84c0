package org.confops.platform;

import java.util.HashMap;
import java.util.Map;

import org.confops.testinfra.KafkaBrokerResource;
import org.confops.testinfra.OidcServerResource;
import org.confops.testinfra.PostgresDatabaseResource;
import org.confops.testinfra.ServiceProcess;

/**
 * The platform as it runs in production, once per test JVM: each service from its built jar in its own
 * process and its own (fresh) database, all on one real Kafka broker and one OIDC provider.
 */
final class Platform {

    private static Platform instance;

    final ServiceProcess catalog;
    final ServiceProcess checkin;
    final ServiceProcess bulkPurchase;

    private Platform(ServiceProcess catalog, ServiceProcess checkin, ServiceProcess bulkPurchase) {
        this.catalog = catalog;
        this.checkin = checkin;
        this.bulkPurchase = bulkPurchase;
    }

    static synchronized Platform get() throws Exception {
        if (instance == null) {
            Map<String, String> shared = new HashMap<>();
            shared.put("KAFKA_BOOTSTRAP_SERVERS", new KafkaBrokerResource().start().get("kafka.bootstrap.servers"));
            shared.put("OIDC_AUTH_SERVER_URL", new OidcServerResource().start().get("quarkus.oidc.auth-server-url"));
            instance = new Platform(
                    ServiceProcess.start("catalog-service", withDatabase(shared, "catalog_it")),
                    ServiceProcess.start("checkin-service", withDatabase(shared, "checkin_it")),
                    ServiceProcess.start("bulk-purchase-service", withDatabase(shared, "bulk_purchase_it")));
        }
        return instance;
    }

    private static Map<String, String> withDatabase(Map<String, String> shared, String database) {
        PostgresDatabaseResource db = new PostgresDatabaseResource();
        db.init(Map.of("database", database, "fresh", "true"));
        Map<String, String> config = db.start();
        Map<String, String> env = new HashMap<>(shared);
        env.put("DB_URL", config.get("quarkus.datasource.jdbc.url"));
        env.put("DB_USER", config.get("quarkus.datasource.username"));
        env.put("DB_PASSWORD", config.get("quarkus.datasource.password"));
        return env;
    }
}
