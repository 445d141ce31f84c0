package org.confops.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * Where a benchmark phase's CPU went, read from Linux's /proc: the services under test, PostgreSQL (all its
 * processes), the Kafka broker, the benchmark's own JVM (the load generator), and what the whole machine had to
 * spare. Divided by the work done it gives a cost per item, so a ratio to pgbench can be explained part by part.
 */
final class CpuUse {

    /** Linux's USER_HZ, the unit of /proc's CPU times. */
    static final double CLOCK_TICKS = 100.0;

    private final Map<String, LongPredicate> parts;
    private final Map<String, Long> ticks;
    private final MachineTicks machine;

    private CpuUse(Map<String, LongPredicate> parts) throws IOException {
        this.parts = parts;
        this.ticks = ticksByPart(parts);
        this.machine = MachineTicks.read();
    }

    /** Starts counting for the parts named, each a test of a process id. */
    static CpuUse start(Map<String, LongPredicate> parts) throws IOException {
        return new CpuUse(parts);
    }

    /** Processes by their command name: {@code postgres} is PostgreSQL's postmaster and every backend. */
    static LongPredicate named(String name) {
        return pid -> name.equals(command(pid));
    }

    /** A JVM whose command line mentions {@code text} (the Kafka broker: {@code kafka.Kafka}). */
    static LongPredicate commandLineContains(String text) {
        return pid -> {
            try {
                return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")))
                        .contains(text);
            } catch (IOException ended) {
                return false;
            }
        };
    }

    /** Milliseconds of CPU per {@code item} for each part since the start, then the machine's busy share. */
    String perItem(long items, String item) throws IOException {
        Map<String, Long> now = ticksByPart(parts);
        MachineTicks since = MachineTicks.read().minus(machine);
        StringBuilder line = new StringBuilder("CPU per " + item + ":");
        long counted = 0;
        for (var part : now.entrySet()) {
            long used = part.getValue() - ticks.getOrDefault(part.getKey(), 0L);
            counted += used;
            line.append(String.format(" %s %.2f ms,", part.getKey(), used / CLOCK_TICKS * 1000 / items));
        }
        long elapsed = Math.max(1, since.total());
        line.append(String.format(" rest of the machine %.2f ms | machine busy %.0f%%, stolen by the hypervisor "
                + "%.0f%%", Math.max(0, since.busy() - counted) / CLOCK_TICKS * 1000 / items,
                100.0 * since.busy() / elapsed, 100.0 * since.stolen() / elapsed));
        return line.toString();
    }

    private static Map<String, Long> ticksByPart(Map<String, LongPredicate> parts) throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        parts.keySet().forEach(name -> ticks.put(name, 0L));
        List<Long> pids;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            pids = processes.map(path -> path.getFileName().toString()).filter(name -> name.matches("[0-9]+"))
                    .map(Long::valueOf).toList();
        }
        for (long pid : pids) {
            for (var part : parts.entrySet()) {
                if (part.getValue().test(pid)) {
                    ticks.merge(part.getKey(), processTicks(pid), Long::sum);
                    break;
                }
            }
        }
        return ticks;
    }

    /**
     * A process's CPU (its threads together) and that of its children it has reaped: PostgreSQL's postmaster thus
     * carries its ended backends (pgbench's connections), the benchmark's JVM the pgbench runs it waited for.
     */
    private static long processTicks(long pid) {
        try {
            String[] fields = fields(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
            // then the reaped children's: cutime + cstime
            return ownTicks(fields) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException ended) {
            return 0;
        }
    }

    /** CPU time (clock ticks) of a process's threads whose names contain {@code name}, e.g. the JIT's compilers. */
    static long threadTicks(long pid, String name) throws IOException {
        long ticks = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).contains(name)) {
                    ticks += ownTicks(fields(stat));
                }
            }
        }
        return ticks;
    }

    /** The fields after {@code pid (comm)}: comm may hold spaces, so they count from its closing ')'. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** utime + stime. */
    private static long ownTicks(String[] fields) {
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String command(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
        } catch (IOException ended) {
            return "";
        }
    }

    /**
     * The machine's busy, stolen and total ticks over all cores, from /proc/stat's first line. Stolen time (a
     * virtual machine's CPU given to another guest by the host) is not busy here: counted as busy, it would pass
     * for work of the "rest of the machine".
     */
    private record MachineTicks(long busy, long stolen, long total) {

        static MachineTicks read() throws IOException {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle + iowait
            long stolen = fields.length > 8 ? Long.parseLong(fields[8]) : 0;
            return new MachineTicks(total - idle - stolen, stolen, total);
        }

        MachineTicks minus(MachineTicks earlier) {
            return new MachineTicks(busy - earlier.busy, stolen - earlier.stolen, total - earlier.total);
        }
    }
}
