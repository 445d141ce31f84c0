package org.confops.testinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server from the binaries packaged on Maven Central, for {@code ./run} on a machine that has no
 * PostgreSQL server: {@code LocalPostgres <data-dir> <port> <database>...}. Data is kept in the directory
 * across starts; user {@code postgres}, no password, listening on 127.0.0.1 only. Runs until stopped.
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LocalPostgres <data-dir> <port> [database...]");
            System.exit(2);
        }
        Path data = Files.createDirectories(Path.of(args[0]));
        int port = Integer.parseInt(args[1]);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }));
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
            for (int i = 2; i < args.length; i++) {
                String database = args[i];
                if (!database.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("Unsafe database name: " + database);
                }
                try (var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, database);
                    if (!exists.executeQuery().next()) {
                        try (var create = c.createStatement()) {
                            create.execute("CREATE DATABASE " + database);
                        }
                    }
                }
            }
        }
        System.out.println("PostgreSQL listening on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
