package org.socialledger.simulator.bench;

import com.rabbitmq.client.Connection;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.socialledger.simulator.bank.BankSimulator;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.bank.Faults;
import org.socialledger.simulator.bank.SocialCard;
import org.socialledger.simulator.demo.Options;
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
 * {@code java -jar simulator.jar bench --postgres-url=... [--tills=16 --payments=6000 ...]}: on a
 * fresh database, every payment a complete one (reserve, then debit of the whole social part):
 * <ol>
 *   <li>warm-up (the pools, and the JIT until its compiler threads are quiet), not counted;</li>
 *   <li>the highest throughput, tills as fast as they go (the best of 1, 2 and 4 times {@code --tills}),
 *       bank at zero latency, with the service's CPU and memory sampled;</li>
 *   <li>the highest paced rate at which p99 of {@code reserve} stays within the target (steps of
 *       {@code --paced-seconds=15}), then the latencies at half the highest rate over
 *       {@code --half-seconds=60};</li>
 *   <li>the same fleet against a bank answering after 200 ms, with enough tills that payments
 *       overlap.</li>
 * </ol>
 * Each figure is printed as a {@code RESULT key=value} line for {@code bench/run}.
 */
public final class Bench {

    private static final Map<Scenario, Integer> COMPLETE_PAYMENTS = Map.of(Scenario.FULL_SOCIAL, 1);

    private final Options options;
    private final PrintStream out;
    private final List<String> results = new ArrayList<>();

    public Bench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** @return true when every run reconciled with no mismatch */
    public boolean run() throws Exception {
        Database database = new Database(options.text("postgres-url",
                "jdbc:postgresql://127.0.0.1:5432/ledger_bench?currentSchema=ledger"),
                options.text("postgres-user", "postgres"), options.text("postgres-password", ""));
        Broker broker = new Broker(options.text("amqp-host", "127.0.0.1"), options.integer("amqp-port", 5672),
                options.text("amqp-user", "guest"), options.text("amqp-password", "guest"));
        String queue = options.text("queue", "soc_processing_bench");
        int tills = options.integer("tills", 32);
        int stores = options.integer("stores", 4);
        int slowTills = options.integer("slow-tills", 256);
        int payments = options.integer("payments", 6000);
        long targetP99Micros = options.integer("target-p99-ms", 25) * 1_000L;
        String extra = options.text("service-args", "");
        boolean ok = true;
        try (BankSimulator bank = BankSimulator.start(0, bottomless(Cards.load(options.text("cards", null))));
             ServiceProcess service = ServiceProcess.create(Path.of(options.text("service-jar",
                             "service/target/service-0.1.0-SNAPSHOT.jar")), database, broker, queue,
                     extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+")), out)) {
            service.start(Duration.ofSeconds(180));
            new ShopConfiguration(bank.baseUrl(), 1, stores, Math.max(tills, slowTills)).write(database);
            Thread.sleep(2_000); // the configuration is re-read every second
            try (Connection connection = broker.connectionFactory().newConnection("bench-fleet")) {
                List<FleetResult.Payment> all = new ArrayList<>();
                out.println("== warm-up");
                all.addAll(warmUp(service, connection, queue, tills, stores));

                settle(service);
                // The tills wait for each answer, so the rate they reach depends on how many there are:
                // the highest throughput is the best of a few fleet sizes.
                FleetResult max = null;
                Sampler.Usage usage = null;
                Map<String, Double> maxCpu = Map.of();
                double maxJitPercent = 0;
                int maxTills = tills;
                // --quick: one fleet size and nothing else, for measuring a change while working on it.
                boolean quick = options.flag("quick");
                int[] fleetSizes = quick ? new int[] {tills} : new int[] {tills, tills * 2, tills * 4};
                for (int fleetSize : fleetSizes) {
                    out.println("== highest throughput, bank at zero latency, " + fleetSize + " tills");
                    Sampler sampler = new Sampler(service);
                    CpuBudget budget = new CpuBudget(service.pid());
                    JitShare jit = new JitShare(service);
                    FleetResult run = fleet(connection, queue, fleetSize, stores, payments,
                            quick ? options.integer("rate", 0) : 0);
                    Sampler.Usage used = sampler.stop();
                    Map<String, Double> cpu = budget.perPayment(run.completed());
                    out.println("   CPU per complete payment (ms): " + describe(cpu));
                    double jitPercent = jit.percent();
                    out.printf(Locale.ROOT, "   the JIT compiler took %.1f %% of the service's CPU%n", jitPercent);
                    all.addAll(run.payments());
                    if (max == null || run.paymentsPerSecond() > max.paymentsPerSecond()) {
                        max = run;
                        usage = used;
                        maxTills = fleetSize;
                        maxCpu = cpu;
                        maxJitPercent = jitPercent;
                    }
                    settle(service);
                }
                double maxRate = max.paymentsPerSecond();
                result("max_payments_per_s", "%.1f", maxRate);
                result("max_tills", "%d", maxTills);
                latencies("max", max);
                result("service_cpu_cores", "%.2f", usage.cores());
                result("service_rss_mb", "%d", usage.maxRssKb() / 1024);
                result("cpu_ms_per_payment", "%s", describe(maxCpu));
                result("service_jit_percent", "%.1f", maxJitPercent);
                double total = maxCpu.values().stream().mapToDouble(Double::doubleValue).sum();
                result("cpu_bound_payments_per_s", "%.0f",
                        total > 0 ? Runtime.getRuntime().availableProcessors() * 1000 / total : 0);

                if (quick) {
                    results.forEach(out::println);
                    return max.mismatches().isEmpty();
                }
                out.println("== paced: the highest rate with p99(reserve) <= " + targetP99Micros / 1000 + " ms");
                double best = 0;
                // From half the highest rate down, the first that keeps the target; each step ~15 s.
                for (int percent : new int[] {50, 35, 25, 15, 10}) {
                    settle(service);
                    double rate = maxRate * percent / 100;
                    int count = (int) Math.max(100, rate * options.integer("paced-seconds", 15));
                    FleetResult paced = fleet(connection, queue, Math.max(tills, (int) Math.ceil(rate / 4)), stores,
                            count, rate);
                    all.addAll(paced.payments());
                    long p99 = reserveP99Micros(paced);
                    out.printf(Locale.ROOT, "   rate %.0f/s (%d %% of the highest): p99(reserve) %.1f ms%n", rate, percent,
                            p99 / 1000.0);
                    if (p99 <= targetP99Micros) {
                        best = rate;
                        break;
                    }
                }
                result("slo_rate_per_s", "%.1f", best);
                settle(service);
                out.println("== half the highest rate, " + (int) (maxRate / 2) + "/s");
                // A minute: p99 of ~1,000 requests (20 s) was the tenth-slowest, and one stall moved it.
                FleetResult half = fleet(connection, queue, Math.max(tills, (int) Math.ceil(maxRate / 8)), stores,
                        (int) Math.max(200, maxRate / 2 * options.integer("half-seconds", 60)), maxRate / 2);
                all.addAll(half.payments());
                latencies("half", half);

                settle(service);
                out.println("== bank answering after 200 ms, " + slowTills + " tills");
                for (String call : List.of("reserve", "debit", "status", "cancel")) {
                    bank.faults(call, Faults.latency(200));
                }
                FleetResult slow = fleet(connection, queue, slowTills, stores, payments, 0);
                bank.clearFaults();
                all.addAll(slow.payments());
                result("slow_bank_payments_per_s", "%.1f", slow.paymentsPerSecond());
                result("slow_bank_ratio", "%.2f", maxRate > 0 ? slow.paymentsPerSecond() / maxRate : 0);
                latencies("slow", slow);

                out.println("== reconciling " + all.size() + " payments with the bank's ledger");
                Reconciliation.Report report = new Reconciliation(connection, queue, bank.baseUrl())
                        .reconcile(all, Duration.ofMinutes(3));
                int mismatches = max.mismatches().size() + slow.mismatches().size() + half.mismatches().size();
                result("reconciled", "%s", report.ok() && mismatches == 0 && bank.ledger().maxAppliedCount() <= 1);
                report.differences().stream().limit(20).forEach(difference -> out.println("DIFFERENCE " + difference));
                ok = report.ok() && mismatches == 0;
            }
        }
        results.forEach(out::println);
        return ok;
    }

    /**
     * Warm-up fleets until the service runs the code it will keep running: at least {@code --warm-up}
     * payments, then rounds of {@code --warm-up-round} more for as long as the JIT compiler threads
     * took more than {@code --jit-quiet-percent} of the service's CPU in the last fleet, for at most
     * {@code --warm-up-max-seconds}. On a slow two-core machine C2 was still compiling 4 minutes into
     * the load, with a quarter of the service's CPU, and the rate measured then was half the rate a
     * minute later (BENCHMARKS.md). A service runs for days; its first minutes are not its rate.
     */
    private List<FleetResult.Payment> warmUp(ServiceProcess service, Connection connection, String queue, int tills,
                                             int stores) throws InterruptedException {
        List<FleetResult.Payment> payments = new ArrayList<>();
        int round = options.integer("warm-up-round", 3000);
        int quietPercent = options.integer("jit-quiet-percent", 5);
        long maxNanos = TimeUnit.SECONDS.toNanos(options.integer("warm-up-max-seconds", 900));
        long start = System.nanoTime();
        int count = options.integer("warm-up", 2000);
        boolean quiet = false;
        while (count > 0) {
            JitShare jit = new JitShare(service);
            payments.addAll(fleet(connection, queue, tills, stores, count, 0).payments());
            double percent = jit.percent();
            out.printf(Locale.ROOT, "   the JIT compiler took %.1f %% of the service's CPU%n", percent);
            quiet = percent <= quietPercent;
            if (quiet || round <= 0) {
                break;
            }
            if (System.nanoTime() - start > maxNanos) {
                out.println("   (the JIT was still compiling when the warm-up's time ran out: measuring anyway)");
                break;
            }
            count = round;
        }
        result("warm_up_payments", "%d", payments.size());
        result("warm_up_seconds", "%.0f", (System.nanoTime() - start) / 1e9);
        result("warm_up_jit_quiet", "%s", quiet);
        return payments;
    }

    /** The share of the service's CPU its JIT compiler threads took since this was created. */
    private static final class JitShare {

        private final ServiceProcess service;
        private final long startCompiler;
        private final long startAll;

        JitShare(ServiceProcess service) {
            this.service = service;
            this.startCompiler = service.compilerCpuMillis();
            this.startAll = service.cpuMillis();
        }

        double percent() {
            long all = service.cpuMillis() - startAll;
            return all > 0 ? 100.0 * (service.compilerCpuMillis() - startCompiler) / all : 0;
        }
    }

    /** The same cards with limits no benchmark spends: a decline for want of funds would not be a complete payment. */
    private static List<SocialCard> bottomless(List<SocialCard> cards) {
        return cards.stream().map(card -> new SocialCard(card.hash(), card.spCode(), card.scheme(),
                card.social() ? 1_000_000_000_000L : card.limit(), card.categories(), card.codePrefixes(), card.social()))
                .toList();
    }

    /**
     * Waits (at most a minute) until the service is idle: after a run at the highest rate the read
     * models are still catching up, and a paced run started then would measure that backlog.
     */
    private void settle(ServiceProcess service) throws InterruptedException {
        for (int second = 0; second < 60; second++) {
            long before = service.cpuMillis();
            Thread.sleep(1_000);
            if (service.cpuMillis() - before < 150) {
                return;
            }
        }
        out.println("   (the service was still busy after a minute)");
    }

    private FleetResult fleet(Connection connection, String queue, int tills, int stores, int payments, double rate)
            throws InterruptedException {
        FleetOptions fleet = new FleetOptions(tills, stores, payments, rate, COMPLETE_PAYMENTS,
                Duration.ofSeconds(options.integer("reply-timeout", 120)), options.integer("seed", 11) + payments);
        FleetResult result = new TillFleet(connection, queue, fleet, new PrintStream(PrintStream.nullOutputStream()))
                .run();
        out.printf(Locale.ROOT, "   %d payments in %.1f s: %.1f/s, %d mismatches%n", result.completed(), result.seconds(),
                result.paymentsPerSecond(), result.mismatches().size());
        result.latencies().forEach(summary -> out.println("   " + summary));
        result.mismatches().stream().limit(5).forEach(mismatch -> out.println("   MISMATCH " + mismatch));
        return result;
    }

    private static String describe(Map<String, Double> cpu) {
        StringBuilder line = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> part : cpu.entrySet()) {
            line.append(String.format(Locale.ROOT, "%s %.2f, ", part.getKey(), part.getValue()));
            total += part.getValue();
        }
        return line.append(String.format(Locale.ROOT, "total %.2f", total)).toString();
    }

    private static long reserveP99Micros(FleetResult result) {
        return result.latencies().stream().filter(summary -> summary.operation().equals("reserve"))
                .mapToLong(summary -> (long) (summary.p99Ms() * 1000)).findFirst().orElse(Long.MAX_VALUE);
    }

    private void latencies(String run, FleetResult result) {
        for (Latencies.Summary summary : result.latencies()) {
            result(run + "_" + summary.operation() + "_ms", "p50=%.1f p95=%.1f p99=%.1f max=%.1f", summary.p50Ms(),
                    summary.p95Ms(), summary.p99Ms(), summary.maxMs());
        }
    }

    private void result(String key, String format, Object... values) {
        results.add("RESULT " + key + "=" + String.format(Locale.ROOT, format, values));
    }

    /** The service's CPU (from /proc, every second) and the largest resident size seen. */
    static final class Sampler {

        record Usage(double cores, long maxRssKb) {
        }

        private final ServiceProcess service;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong maxRss = new AtomicLong();
        private final long startCpu;
        private final long startNanos = System.nanoTime();

        Sampler(ServiceProcess service) {
            this.service = service;
            this.startCpu = service.cpuMillis();
            timer.scheduleAtFixedRate(() -> maxRss.accumulateAndGet(service.residentKb(), Math::max), 0, 1,
                    TimeUnit.SECONDS);
        }

        Usage stop() {
            timer.shutdownNow();
            long cpu = service.cpuMillis() - startCpu;
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return new Usage(cpu / 1000.0 / seconds, maxRss.get());
        }
    }
}
