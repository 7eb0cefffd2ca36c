package org.socialledger.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes during a run, by part (from /proc): the service, PostgreSQL,
 * RabbitMQ, the simulator (tills and bank), and the rest. Everything shares the same cores, so the
 * sum per complete payment bounds the rate: {@code cores * 1000 / total ms} payments per second.
 */
final class CpuBudget {

    static final String SERVICE = "service";
    static final String POSTGRES = "postgres";
    static final String RABBITMQ = "rabbitmq";
    static final String SIMULATOR = "simulator";
    static final String OTHER = "other";
    private static final long TICK_MS = 10; // USER_HZ is 100 on Linux

    private final long servicePid;
    private final Map<String, Long> start;

    CpuBudget(long servicePid) {
        this.servicePid = servicePid;
        this.start = snapshot();
    }

    /** CPU milliseconds per part since this budget was started, each divided by {@code payments}. */
    Map<String, Double> perPayment(long payments) {
        Map<String, Long> end = snapshot();
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String part : end.keySet()) {
            shares.put(part, (end.get(part) - start.getOrDefault(part, 0L)) / (double) Math.max(1, payments));
        }
        return shares;
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String part : new String[] {SERVICE, POSTGRES, RABBITMQ, SIMULATOR}) {
            parts.put(part, 0L);
        }
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(entry.getFileName().toString());
                String[] fields = stat(entry);
                if (fields == null) {
                    continue;
                }
                String name = fields[0];
                long own = Long.parseLong(fields[12]) + Long.parseLong(fields[13]);
                // Children that exited (PostgreSQL backends, RabbitMQ helpers) count for their parent.
                long reaped = Long.parseLong(fields[14]) + Long.parseLong(fields[15]);
                String part = pid == servicePid ? SERVICE
                        : pid == self ? SIMULATOR
                        : name.equals("postgres") ? POSTGRES
                        : name.equals("beam.smp") || name.equals("erl_child_setup") || name.equals("epmd") ? RABBITMQ
                        : null;
                long ticks = part == null || part.equals(SERVICE) || part.equals(SIMULATOR) ? own : own + reaped;
                if (part != null) {
                    parts.merge(part, ticks * TICK_MS, Long::sum);
                }
            }
        } catch (IOException e) {
            return parts;
        }
        long busy = machineBusyTicks();
        long named = parts.values().stream().mapToLong(Long::longValue).sum();
        parts.put(OTHER, Math.max(0, busy * TICK_MS - named));
        return parts;
    }

    /** {@code /proc/<pid>/stat} from the command name on: [0] is the name, [12..15] utime stime cutime cstime. */
    private static String[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            String[] rest = stat.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 1];
            fields[0] = name;
            System.arraycopy(rest, 0, fields, 1, rest.length);
            return fields;
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** All cores' busy time (user, nice, system, irq, softirq, steal), in ticks. */
    private static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
