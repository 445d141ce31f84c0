package org.confops.testinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own (Debian's {@code initdb} and {@code pg_ctl} from
 * {@code /usr/lib/postgresql/<version>/bin}, data in a directory the test chooses, on a free port, trust
 * authentication, TCP on 127.0.0.1 only), for fault tests that stop and restart the database: the machine's
 * server is shared with other test runs and must never be restarted by one. Run as the {@code postgres} OS
 * user when the test runs as root (PostgreSQL refuses to run as root).
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final String SERVICE_USER = "postgres";

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asServiceUser;

    private PrivatePostgres(Path bin, Path data, int port, boolean asServiceUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asServiceUser = asServiceUser;
    }

    /** A fresh cluster in {@code data} (emptied first), started and accepting connections. */
    public static PrivatePostgres start(Path data) throws IOException, InterruptedException {
        Path bin = newestBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path absolute = data.toAbsolutePath().normalize();
        if (Files.exists(absolute.resolve("postmaster.pid"))) {
            // a server a killed test run left behind: stop it before its data goes
            new PrivatePostgres(bin, absolute, 0, root).close();
        }
        deleteRecursively(absolute);
        Files.createDirectories(absolute);
        if (root) {
            UserPrincipalLookupService users = absolute.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(absolute, users.lookupPrincipalByName(SERVICE_USER));
        }
        PrivatePostgres postgres = new PrivatePostgres(bin, absolute, Processes.freePort(), root);
        postgres.run(60, "initdb", "-D", absolute.toString(), "-U", "postgres", "--auth=trust",
                "--encoding=UTF8", "--no-sync");
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        postgres.startServer();
        return postgres;
    }

    /**
     * The cluster in {@code data} that this JVM started already, or a fresh one. A Quarkus test reaches it from two
     * class loaders (its profile's and the test's), so the running server is known by a system property, not a
     * static field.
     */
    public static PrivatePostgres shared(Path data) throws IOException, InterruptedException {
        Path absolute = data.toAbsolutePath().normalize();
        String key = "confops.private-postgres.port." + absolute;
        synchronized (System.getProperties()) {
            String port = System.getProperty(key);
            if (port != null) {
                return new PrivatePostgres(newestBinaries(), absolute, Integer.parseInt(port),
                        "root".equals(System.getProperty("user.name")));
            }
            PrivatePostgres started = start(absolute);
            System.setProperty(key, String.valueOf(started.port));
            return started;
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL for {@code database} on this cluster (user postgres, no password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    /** Creates {@code database} (a safe identifier) afresh. */
    public void createDatabase(String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
        try (Connection c = connect("postgres"); var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database);
        }
    }

    /** Stops the server as an operator's fast shutdown does: sessions are ended, clients see their connections drop. */
    public void stop() {
        run(60, "pg_ctl", "stop", "-D", data.toString(), "-m", "fast", "-w");
    }

    /** Starts the stopped server again on the same port and data; returns once it accepts connections. */
    public void startServer() {
        run(60, "pg_ctl", "start", "-D", data.toString(), "-w", "-t", "30", "-l", data.resolve("server.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
                        + " -c max_connections=300");
    }

    public boolean isRunning() {
        try (Connection c = connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException down) {
            return false;
        }
    }

    @Override
    public void close() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(60, "pg_ctl", "stop", "-D", data.toString(), "-m", "immediate", "-w");
            } catch (IllegalStateException alreadyStopped) {
                // nothing to stop
            }
        }
    }

    private void run(int timeoutSeconds, String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asServiceUser) {
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Path log = Files.createDirectories(data.getParent()).resolve(data.getFileName() + "-ctl.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish in " + timeoutSeconds + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed (" + process.exitValue() + "); see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path newestBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IOException("No PostgreSQL binaries under " + root + " (Debian's postgresql package)");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin").resolve("initdb")))
                    .max((a, b) -> Integer.compare(major(a), major(b)))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IOException("No initdb under " + root));
        }
    }

    private static int major(Path version) {
        try {
            return Integer.parseInt(version.getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
