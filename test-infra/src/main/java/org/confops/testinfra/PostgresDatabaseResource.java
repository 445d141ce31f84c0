package org.confops.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service under test at its own database on the machine's PostgreSQL server (PGHOST/PGPORT/PGUSER,
 * default 127.0.0.1:5432 as postgres), creating the database when it does not exist yet.
 * The database name comes from the {@code database} init argument; {@code fresh=true} drops it first
 * (for services run as processes, which migrate but never clean).
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private String database;
    private boolean fresh;

    @Override
    public void init(Map<String, String> initArgs) {
        // CONFOPS_TEST_DB_SUFFIX keeps two checkouts testing on one server out of each other's databases.
        database = initArgs.getOrDefault("database", "test") + env("CONFOPS_TEST_DB_SUFFIX", "");
        fresh = Boolean.parseBoolean(initArgs.getOrDefault("fresh", "false"));
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
    }

    @Override
    public Map<String, String> start() {
        String server = "jdbc:postgresql://" + env("PGHOST", "127.0.0.1") + ":" + env("PGPORT", "5432") + "/";
        String user = env("PGUSER", "postgres");
        try (Connection c = DriverManager.getConnection(server + "postgres", user, env("PGPASSWORD", ""))) {
            if (fresh) {
                try (var st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
            boolean exists;
            try (var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                exists = ps.executeQuery().next();
            }
            if (!exists) {
                try (var st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + server + " as " + user
                    + " (start it, or set PGHOST/PGPORT/PGUSER)", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", server + database,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", env("PGPASSWORD", ""));
    }

    @Override
    public void stop() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
