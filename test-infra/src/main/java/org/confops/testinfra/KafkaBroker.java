package org.confops.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Apache Kafka broker in KRaft mode (combined broker and controller), run from the Kafka jars
 * of Maven Central in a JVM of its own: the broker's Scala and logging libraries never share a class path
 * with the service under test, and the broker dies with the process that started it.
 *
 * <p>Used by {@link KafkaBrokerResource} in tests and by the local run as
 * {@code java -cp … org.confops.testinfra.KafkaBroker <data-dir> <port>}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private volatile Process process;
    private final int port;
    private final String classpath;
    private final Path config;
    private final Path log;

    private KafkaBroker(Process process, int port, String classpath, Path config, Path log) {
        this.process = process;
        this.port = port;
        this.classpath = classpath;
        this.config = config;
        this.log = log;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Freezes the broker process (SIGSTOP), as a stalled machine or a long GC pause would. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused broker run again (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    /** Kills the broker at once (SIGKILL), as a crashed machine would: nothing is flushed or handed over. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a killed (or stopped) broker again with the same ports and data; returns once it listens. */
    public void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("The broker is still running");
        }
        process = java(classpath, log, "kafka.Kafka", config.toString());
        awaitListening(log);
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " failed for the broker");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Formats {@code dataDir} if it is new and starts a broker listening on {@code port} (0 = any free port). */
    public static KafkaBroker start(Path dataDir, int port) throws IOException, InterruptedException {
        int brokerPort = port == 0 ? Processes.freePort() : port;
        // A fixed broker port (the local run) gets a fixed controller port beside it, so restarts agree.
        int controllerPort = port == 0 ? Processes.freePort() : port + 1;
        Files.createDirectories(dataDir);
        Path logDir = dataDir.resolve("data");
        Path config = dataDir.resolve("server.properties");
        writeConfig(config, logDir, brokerPort, controllerPort);
        String classpath = brokerClasspath();
        Path log = dataDir.resolve("broker.log");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            Process format = java(classpath, log, "kafka.tools.StorageTool", "format", "--ignore-formatted",
                    "-t", clusterId(), "-c", config.toString());
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IOException("Formatting Kafka storage failed; see " + log);
            }
        }
        Process broker = java(classpath, log, "kafka.Kafka", config.toString());
        KafkaBroker started = new KafkaBroker(broker, brokerPort, classpath, config, log);
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        started.awaitListening(log);
        return started;
    }

    @Override
    public void close() {
        Processes.stop(process, 20);
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Kafka broker exited with " + process.exitValue() + "; see " + log);
            }
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IOException("Kafka broker did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private static void writeConfig(Path config, Path logDir, int brokerPort, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Consumers join at once instead of waiting for more members: tests and the local run start fast.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "single-node KRaft broker for tests and the local run");
        }
    }

    private static Process java(String classpath, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IOException(CLASSPATH_RESOURCE + " is missing: build test-infra with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    /** A random cluster id as Kafka writes them; one starting with '-' would read as an option. */
    private static String clusterId() {
        String id;
        do {
            UUID uuid = UUID.randomUUID();
            byte[] bytes = java.nio.ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    /** Runs a broker in the foreground until the process is stopped: {@code KafkaBroker <data-dir> [port]}. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: KafkaBroker <data-dir> [port]");
            System.exit(2);
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        KafkaBroker broker = start(Path.of(args[0]), port);
        System.out.println("Kafka broker listening on " + broker.bootstrapServers());
        broker.process.waitFor();
    }
}
