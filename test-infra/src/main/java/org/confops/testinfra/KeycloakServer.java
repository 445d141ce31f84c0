package org.confops.testinfra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Keycloak (its Maven Central server distribution, unpacked by the build) in dev mode on a free port,
 * with the platform's realm imported: for end-to-end tests that log the demo users in with the password grant.
 * Keycloak needs a JDK 21 or newer; it is looked for in KEYCLOAK_JAVA_HOME, JAVA_HOME and /usr/lib/jvm.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the distribution in {@code home} with {@code realmFile} imported. */
    public static KeycloakServer start(Path home, Path realmFile) throws IOException, InterruptedException {
        Path kc = home.resolve("bin").resolve("kc.sh");
        if (!Files.isExecutable(kc) && !kc.toFile().setExecutable(true)) {
            throw new IOException("No Keycloak distribution at " + home);
        }
        Path javaHome = findJdk21().orElseThrow(() -> new IOException(
                "Keycloak needs a JDK 21 or newer: install one or set KEYCLOAK_JAVA_HOME"));
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        Files.copy(realmFile, imports.resolve(realmFile.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int port = Processes.freePort();
        Path log = home.resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(kc.toString(), "start-dev", "--http-port=" + port,
                "--import-realm", "--http-management-port=" + Processes.freePort())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_OPTS_APPEND", "-Xms256m -Xmx768m");
        KeycloakServer server = new KeycloakServer(builder.start(), port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.awaitRealm("confops", log);
        return server;
    }

    public String realmUrl(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** An access token for a user of the realm, by the resource-owner password grant. */
    public String passwordGrant(String realm, String clientId, String username, String password) {
        String form = "grant_type=password&client_id=" + enc(clientId) + "&username=" + enc(username)
                + "&password=" + enc(password);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(realmUrl(realm) + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("Login of " + username + " failed: " + response.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Processes.stop(process, 30);
    }

    private void awaitRealm(String realm, Path log) throws IOException, InterruptedException {
        HttpRequest discovery = HttpRequest.newBuilder(
                URI.create(realmUrl(realm) + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        close();
        throw new IOException("Keycloak did not serve realm " + realm + " within " + START_TIMEOUT + "; see " + log);
    }

    static java.util.Optional<Path> findJdk21() {
        List<Path> candidates = new ArrayList<>();
        for (String variable : new String[] { "KEYCLOAK_JAVA_HOME", "JAVA_HOME" }) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                candidates.add(Path.of(value));
            }
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.sorted(java.util.Comparator.reverseOrder()).forEach(candidates::add);
        } catch (IOException ignored) {
            // no system JVM folder
        }
        return candidates.stream().filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                .filter(home -> majorVersion(home) >= 21).findFirst();
    }

    private static int majorVersion(Path javaHome) {
        try {
            Path release = javaHome.resolve("release");
            if (Files.exists(release)) {
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                        return Integer.parseInt(version.split("[.+-]")[0]);
                    }
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // unknown: not usable
        }
        return 0;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
