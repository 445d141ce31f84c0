package org.confops.testinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Stops and starts the machine's PostgreSQL cluster (Debian's pg_ctlcluster, as root), for fault tests: what a
 * failover or a restart does to the services. Only for the server on this machine.
 */
public final class PostgresServer {

    private PostgresServer() {
    }

    public static void stop() {
        pgCtlCluster("stop", "-m", "fast");
    }

    public static void start() {
        pgCtlCluster("start");
    }

    private static void pgCtlCluster(String action, String... options) {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            String version = versions.map(p -> p.getFileName().toString()).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL cluster under /etc/postgresql"));
            String[] command = Stream.concat(Stream.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main",
                    action), Stream.of(options)).toArray(String[]::new);
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pg_ctlcluster " + action + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot " + action + " PostgreSQL (needs Debian's pg_ctlcluster, as root)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
