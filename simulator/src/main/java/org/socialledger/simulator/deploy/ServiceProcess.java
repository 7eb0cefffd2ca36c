package org.socialledger.simulator.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service jar as a child process on a port of its own, with the demo profile's users (so the
 * audit API answers {@code auditor/auditor}). It can be killed with SIGKILL, as a crash would,
 * and started again on the same database, broker and port.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> command;
    private final Path log;
    private final String url;
    private final PrintStream out;
    private Process process;

    private ServiceProcess(List<String> command, Path log, String url, PrintStream out) {
        this.command = command;
        this.log = log;
        this.url = url;
        this.out = out;
    }

    /**
     * @param jar      the service jar
     * @param extra    more {@code --key=value} arguments (processor settings and the like)
     */
    public static ServiceProcess create(Path jar, Database database, Broker broker, String queue, List<String> extra,
                                        PrintStream out) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("service jar " + jar.toAbsolutePath()
                    + " not found: build it first (./mvnw -B -q install -DskipTests)");
        }
        int port = freePort();
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaCommand));
        // JVM options for the service alone (the simulator's own JVM keeps its defaults), e.g. a collector.
        String javaOptions = System.getenv("SERVICE_JAVA_OPTIONS");
        if (javaOptions != null && !javaOptions.isBlank()) {
            command.addAll(List.of(javaOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.rabbitmq.host=" + broker.host(),
                "--spring.rabbitmq.port=" + broker.port(),
                "--spring.rabbitmq.username=" + broker.user(),
                "--spring.rabbitmq.password=" + broker.password(),
                "--ledger.till.queue=" + queue,
                "--ledger.config.refresh=PT1S",
                "--spring.profiles.active=demo",
                "--server.port=" + port));
        command.addAll(extra);
        Path log = Files.createTempFile("social-ledger-service", ".log");
        return new ServiceProcess(command, log, "http://127.0.0.1:" + port, out);
    }

    /** Starts the process (again, after a kill) and waits until its health is UP. */
    public ServiceProcess start(Duration patience) throws IOException, InterruptedException {
        out.println("Starting the service (log: " + log + ")...");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitHealthy(patience);
        out.println("service up: " + url + " (pid " + process.pid() + ")");
        return this;
    }

    public void awaitHealthy(Duration patience) throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(patience);
        while (clock.instant().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped while starting; see " + log + ":\n" + tail());
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become healthy in " + patience + "; see " + log);
    }

    public boolean healthy() throws InterruptedException {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, as in a power cut of the process. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** GET {@code path} as the demo auditor; the body, or an exception naming the status. */
    public String getAsAuditor(String path, Duration timeout) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public String url() {
        return url;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time (user + system) the process has used so far, from /proc; -1 where there is none. */
    public long cpuMillis() {
        try {
            return cpuTicks(Files.readString(Path.of("/proc/" + pid() + "/stat"))) * 1000 / 100; // USER_HZ is 100
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time the JVM's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*})
     * have used so far, from /proc; -1 where there is none. While it still grows under load, the
     * service is not yet running the code it runs for the rest of its life.
     */
    public long compilerCpuMillis() {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc/" + pid() + "/task"))) {
            for (Path thread : threads) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        ticks += cpuTicks(stat);
                    }
                } catch (IOException | RuntimeException threadEnded) {
                    // A thread that ended between the listing and the read is left out. Compiler
                    // threads live as long as the JVM here (one C1 and one C2 on two cores).
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    }

    /** utime + stime of a {@code /proc/.../stat} line (fields 14 and 15, counted after the command name). */
    private static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Resident memory in kB, from /proc; -1 where there is none. */
    public long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
