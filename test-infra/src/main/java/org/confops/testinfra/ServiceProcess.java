package org.confops.testinfra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the platform's services, run from its built {@code quarkus-run.jar} in a JVM of its own, as in
 * production: for cross-service tests. Started on a free port; ready when {@code /q/health/ready} says so.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code <repository>/<module>/target/quarkus-app/quarkus-run.jar} with {@code env} and waits until
     * ready; on {@code QUARKUS_HTTP_PORT} from {@code env}, or a free port.
     */
    /** System property: the JVM options services are started with (space-separated). */
    public static final String JVM_OPTIONS = "confops.service.jvm-options";
    static final String DEFAULT_JVM_OPTIONS = "-Xmx256m -XX:TieredStopAtLevel=1";

    public static ServiceProcess start(String module, Map<String, String> env) throws IOException, InterruptedException {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build " + module + " first (./mvnw package)");
        }
        // A fixed port (QUARKUS_HTTP_PORT in env) lets a restarted service come back where others expect it.
        int port = env.containsKey("QUARKUS_HTTP_PORT") ? Integer.parseInt(env.get("QUARKUS_HTTP_PORT"))
                : Processes.freePort();
        // one log per instance (two instances of a service may run side by side); a restart appends to it
        Path log = Files.createDirectories(Path.of("target", "services")).resolve(module + "-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // C1 only starts fast and suits tests; a benchmark asks for the full JIT (confops.service.jvm-options)
        command.addAll(List.of(System.getProperty(JVM_OPTIONS, DEFAULT_JVM_OPTIONS).trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        ServiceProcess service = new ServiceProcess(module, builder.start(), port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        service.awaitReady();
        return service;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The service's operating-system process id (benchmarks read its threads' CPU time from /proc). */
    public long pid() {
        return process.pid();
    }

    /** Kills the service at once (SIGKILL): no shutdown hooks, no draining, open transactions cut off. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        Processes.stop(process, 20);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IOException(name + " was not ready within " + START_TIMEOUT + "; see " + log.toAbsolutePath());
    }
}
