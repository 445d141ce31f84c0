package org.confops.platform.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.confops.testinfra.PrivatePostgres;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test application on a PostgreSQL cluster of its own, for the test that stops and starts the database: the
 * machine's server is shared with every other test run on it and must never be restarted by one.
 */
public class PrivateDatabaseProfile implements QuarkusTestProfile {

    /** The cluster, started on first use and stopped when the test JVM ends. */
    public static PrivatePostgres server() {
        try {
            return PrivatePostgres.shared(Path.of("target", "private-postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // the cluster's own postgres database: fresh with the cluster, and Flyway cleans it at start anyway
        return Map.of("quarkus.datasource.jdbc.url", server().jdbcUrl("postgres"),
                "quarkus.datasource.username", "postgres");
    }
}
