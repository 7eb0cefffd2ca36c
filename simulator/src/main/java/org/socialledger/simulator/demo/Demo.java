package org.socialledger.simulator.demo;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.server.SystemLauncher;
import org.socialledger.simulator.bank.BankSimulator;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.till.FleetOptions;
import org.socialledger.simulator.till.FleetResult;
import org.socialledger.simulator.till.Latencies;
import org.socialledger.simulator.till.Reconciliation;
import org.socialledger.simulator.till.Scenario;
import org.socialledger.simulator.till.TillFleet;

/**
 * Runs the whole system on this machine and shows a shop day: the numbers of every scenario,
 * latencies, and whether the service's records agree with the social processing service's
 * ledger to the kopeck. Everything it starts, it stops (unless {@code --keep-running}).
 */
public final class Demo {

    private final Clock clock = Clock.systemUTC();
    private final Options options;
    private final PrintStream out;
    private final List<AutoCloseable> started = new ArrayList<>();

    public Demo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** @return true when the run had no mismatch and reconciled */
    public boolean run() throws Exception {
        try {
            String queue = options.text("queue", "soc_processing");
            Database database = database();
            Broker broker = broker();
            BankSimulator bank = BankSimulator.start(options.integer("bank-port", 0),
                    Cards.load(options.text("cards", null)));
            started.add(bank);
            out.println("social processing simulator: " + bank.baseUrl());
            String serviceUrl = startService(database, broker, queue);
            configure(database, bank.baseUrl());
            boolean ok = runTills(broker, queue, bank.baseUrl());
            if (options.flag("keep-running")) {
                out.println("Support API: " + serviceUrl + "/api/payments (user support/support; auditor/auditor),"
                        + " OpenAPI: " + serviceUrl + "/swagger-ui.html");
                out.println("Everything keeps running (service " + serviceUrl + ", PostgreSQL " + database.url()
                        + ", AMQP " + broker.host() + ":" + broker.port() + "). Ctrl-C to stop.");
                Thread.currentThread().join();
            }
            return ok;
        } finally {
            stopAll();
        }
    }

    /** The fleet and the reconciliation against a deployment that is already running. */
    public boolean runTillsOnly() throws Exception {
        Broker broker = new Broker(options.text("amqp-host", "127.0.0.1"), options.integer("amqp-port", 5672),
                options.text("amqp-user", "guest"), options.text("amqp-password", "guest"));
        return runTills(broker, options.text("queue", "soc_processing"), options.text("bank-url",
                "http://127.0.0.1:8099"));
    }

    private boolean runTills(Broker broker, String queue, String bankUrl) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.user());
        factory.setPassword(broker.password());
        try (Connection connection = factory.newConnection("till-fleet")) {
            FleetOptions fleet = new FleetOptions(options.integer("tills", 8), options.integer("stores", 2),
                    options.integer("payments", 300), Double.parseDouble(options.text("rate", "0")),
                    mix(options.text("mix", null)), Duration.ofSeconds(options.integer("reply-timeout", 320)),
                    options.integer("seed", 7));
            out.printf("Running %d payments on %d tills in %d stores...%n", fleet.payments(), fleet.tills(),
                    fleet.stores());
            FleetResult result = new TillFleet(connection, queue, fleet, out).run();
            printSummary(result);
            out.println("Reconciling (abandoned reservations are cancelled when qrTtl passes)...");
            Reconciliation.Report report = new Reconciliation(connection, queue, bankUrl)
                    .reconcile(result.payments(), Duration.ofMinutes(options.integer("qr-ttl", 1)).plusSeconds(90));
            out.printf("service net %d kop, social processing net %d kop, %d payments%n", report.serviceNet(),
                    report.bankNet(), report.payments());
            if (report.ok() && result.mismatches().isEmpty()) {
                out.println("reconciliation ok");
                return true;
            }
            report.differences().forEach(difference -> out.println("DIFFERENCE " + difference));
            result.mismatches().forEach(mismatch -> out.println("MISMATCH " + mismatch));
            out.println(report.ok() ? "reconciliation ok, with mismatches" : "reconciliation FAILED");
            return false;
        }
    }

    /** {@code --mix=FULL_SOCIAL:30,REFUND:5}: scenario weights; every scenario when not given. */
    static Map<Scenario, Integer> mix(String text) {
        if (text == null || text.isBlank()) {
            return FleetOptions.everyScenario();
        }
        Map<Scenario, Integer> mix = new java.util.EnumMap<>(Scenario.class);
        for (String part : text.split(",")) {
            String[] weight = part.trim().split(":");
            mix.put(Scenario.valueOf(weight[0].trim().toUpperCase()), weight.length > 1 ? Integer.parseInt(weight[1].trim()) : 1);
        }
        return mix;
    }

    private void printSummary(FleetResult result) {
        out.println();
        out.println("=== Summary ===");
        out.printf("payments: %d in %.1f s (%.1f payments/s)%n", result.completed(), result.seconds(),
                result.paymentsPerSecond());
        result.outcomes().forEach((outcome, count) -> out.printf("  %-40s %5d%n", outcome, count));
        out.println("latency per operation:");
        for (Latencies.Summary summary : result.latencies()) {
            out.println("  " + summary);
        }
        out.println("mismatches: " + result.mismatches().size());
    }

    // --- the parts -------------------------------------------------------------------------

    record Database(String url, String user, String password) {
    }

    record Broker(String host, int port, String user, String password) {
    }

    private Database database() throws IOException {
        String url = options.text("postgres-url", null);
        if (url != null) {
            return new Database(url, options.text("postgres-user", "postgres"), options.text("postgres-password", ""));
        }
        out.println("Starting an embedded PostgreSQL...");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        started.add(postgres);
        return new Database("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?currentSchema=ledger",
                "postgres", "");
    }

    private Broker broker() throws Exception {
        String host = options.text("amqp-host", null);
        if (host != null) {
            return new Broker(host, options.integer("amqp-port", 5672), options.text("amqp-user", "guest"),
                    options.text("amqp-password", "guest"));
        }
        out.println("Starting an embedded AMQP 0-9-1 broker (Apache Qpid Broker-J)...");
        int port = freePort();
        Path work = Files.createTempDirectory("qpid-demo");
        URL config = Demo.class.getClassLoader().getResource("qpid-demo-config.json");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toExternalForm());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", Map.of("qpid.amqp_port", port, "qpid.work_dir", work.toString()));
        QpidUrlHandlers.install();
        SystemLauncher launcher = new SystemLauncher();
        launcher.startup(attributes);
        started.add(launcher::shutdown);
        return new Broker("127.0.0.1", port, "guest", "guest");
    }

    private String startService(Database database, Broker broker, String queue) throws Exception {
        Path jar = Path.of(options.text("service-jar", "service/target/service-0.1.0-SNAPSHOT.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("service jar " + jar.toAbsolutePath()
                    + " not found: build it first (./mvnw -B -q install -DskipTests)");
        }
        int port = freePort();
        Path log = Files.createTempFile("social-ledger-service", ".log");
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaCommand, "-jar", jar.toString(),
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
        String extra = options.text("service-args", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        out.println("Starting the service (log: " + log + ")...");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(() -> {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        });
        String url = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = clock.instant().plusSeconds(180);
        while (clock.instant().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped while starting; see " + log + ":\n"
                        + tail(log.toFile()));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    out.println("service up: " + url);
                    return url;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become healthy in time; see " + log);
    }

    /** The configuration an operator would enter, in the integrator's tables. */
    private void configure(Database database, String bankUrl) throws Exception {
        int qrTtl = options.integer("qr-ttl", 1);
        try (var connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            try (PreparedStatement merchant = connection.prepareStatement("""
                    INSERT INTO soc_processing_merchants (id, value) VALUES (1, ?::jsonb)
                    ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value""")) {
                merchant.setString(1, """
                        {"url": "%s", "qrTtl": %d, "interval": 1, "timeout": 5, "cancel_lifetime": 1,
                         "enterprise_id": "E-DEMO", "merchant_id": "M-DEMO", "sp_code": "%s"}"""
                        .formatted(bankUrl, qrTtl, Cards.SP_CODE));
                merchant.executeUpdate();
            }
            int stores = options.integer("stores", 2);
            int tills = options.integer("tills", 8);
            for (int store = 0; store < stores; store++) {
                try (PreparedStatement row = connection.prepareStatement(
                        "INSERT INTO soc_processing_stores (StoreID, merchant) VALUES (?, 1) ON CONFLICT DO NOTHING")) {
                    row.setString(1, FleetOptions.storeId(store));
                    row.executeUpdate();
                }
            }
            for (int till = 0; till < tills; till++) {
                try (PreparedStatement row = connection.prepareStatement("""
                        INSERT INTO soc_processing_terminals (TerminalID, value) VALUES (?, ?::jsonb)
                        ON CONFLICT DO NOTHING""")) {
                    row.setString(1, FleetOptions.terminalId(till % Math.max(1, stores), till));
                    row.setString(2, "{\"TerminalNo\": \"T%04d\"}".formatted(till));
                    row.executeUpdate();
                }
            }
        }
        Thread.sleep(1_500); // the service re-reads its configuration every second in the demo
    }

    private void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                out.println("while stopping: " + e);
            }
        }
        started.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(File file) throws IOException {
        List<String> lines = Files.readAllLines(file.toPath());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
