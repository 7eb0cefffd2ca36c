package org.socialledger.simulator.demo;

import com.rabbitmq.client.Connection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.socialledger.simulator.bank.BankSimulator;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.deploy.Broker;
import org.socialledger.simulator.deploy.Database;
import org.socialledger.simulator.deploy.ServiceProcess;
import org.socialledger.simulator.deploy.ShopConfiguration;
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
        try (Connection connection = broker.connectionFactory().newConnection("till-fleet")) {
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
        int port = ServiceProcess.freePort();
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
        String extra = options.text("service-args", "");
        ServiceProcess service = ServiceProcess.create(Path.of(options.text("service-jar",
                        "service/target/service-0.1.0-SNAPSHOT.jar")), database, broker, queue,
                extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+")), out);
        started.add(service);
        return service.start(Duration.ofSeconds(180)).url();
    }

    /** The configuration an operator would enter, in the integrator's tables. */
    private void configure(Database database, String bankUrl) throws Exception {
        new ShopConfiguration(bankUrl, options.integer("qr-ttl", 1), options.integer("stores", 2),
                options.integer("tills", 8)).write(database);
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

}
