package org.socialledger.simulator.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.socialledger.simulator.bank.BankSimulator;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.bank.Faults;
import org.socialledger.simulator.demo.Options;
import org.socialledger.simulator.deploy.ServiceProcess;
import org.socialledger.simulator.till.FleetOptions;
import org.socialledger.simulator.till.FleetResult;
import org.socialledger.simulator.till.Scenario;

/**
 * The fault drills. Each one: a fresh deployment, till load, faults while the load runs, the load
 * drained, then {@link Invariants}. {@code --payments=N} is the least number of payments a drill
 * makes (the load runs for as long as the faults do), {@code --tills=6 --stores=2 --rate=4}
 * shape it; each drill has its own knobs (below).
 */
public final class Drills {

    /** Every drill, in the order {@code all} runs them. */
    public static final List<String> NAMES = List.of("kill9", "rabbit-restart", "postgres-restart", "bank-faults",
            "bank-down", "till-chaos", "two-instances");

    private final Options options;
    private final PrintStream out;
    private final Random random;

    public Drills(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.random = new Random(options.integer("seed", 7));
    }

    /**
     * Runs {@code all} or the named drills; prints one verdict line each, then all of them again.
     * Every drill gives the merchant a qrTtl of one minute, so abandoned reservations expire within
     * the drill and the invariant check need not wait long.
     */
    public List<Verdict> run(List<String> names) {
        List<String> chosen = names.isEmpty() || names.contains("all") ? NAMES : names;
        List<Verdict> verdicts = new ArrayList<>();
        for (String name : chosen) {
            Verdict verdict = runOne(name);
            verdicts.add(verdict);
            out.println("VERDICT " + verdict.line());
            verdict.problems().forEach(problem -> out.println("  PROBLEM " + problem));
        }
        out.println();
        out.println("=== Drill verdicts ===");
        verdicts.forEach(verdict -> out.println(verdict.line()));
        return verdicts;
    }

    private Verdict runOne(String name) {
        long begin = System.nanoTime();
        try {
            return switch (name) {
                case "kill9" -> drill(name, 1, this::kill9);
                case "rabbit-restart" -> drill(name, 1, this::rabbitRestart);
                case "postgres-restart" -> drill(name, 1, this::postgresRestart);
                case "bank-faults" -> drill(name, 1, this::bankFaults);
                case "bank-down" -> drill(name, 1, this::bankDown);
                case "till-chaos" -> drill(name, 1, this::tillChaos);
                case "two-instances" -> drill(name, 1, this::twoInstances);
                default -> throw new IllegalArgumentException("no drill " + name + "; drills: " + NAMES);
            };
        } catch (Exception e) {
            e.printStackTrace(out);
            return new Verdict(name, 0, 0, 0, 0, 0, -1, (System.nanoTime() - begin) / 1e9,
                    List.of("the drill itself failed: " + e));
        }
    }

    // --- the frame every drill shares -----------------------------------------------------------

    /** What a drill's faults came to. */
    private record Faulted(long faults, long recovered, long recoverMs, boolean outageNoise,
                           List<FleetResult.Payment> extraPayments, List<String> problems) {
        Faulted(long faults, long recovered, long recoverMs) {
            this(faults, recovered, recoverMs, false, List.of(), List.of());
        }
    }

    /** The running pieces a drill's faults act on. */
    private record Run(Deployment deployment, List<ServiceProcess> services, Load load) {
        ServiceProcess service() {
            return services.get(0);
        }
    }

    private interface Body {
        Faulted apply(Run run) throws Exception;
    }

    private Verdict drill(String name, int qrTtlMinutes, Body body) throws Exception {
        long begin = System.nanoTime();
        out.println();
        out.println("=== drill " + name + " ===");
        int tills = options.integer("tills", 6);
        int stores = options.integer("stores", 2);
        Deployment deployment = Deployment.create(name, options, out);
        try {
            List<ServiceProcess> services = new ArrayList<>();
            services.add(deployment.startService(List.of()));
            deployment.configure(qrTtlMinutes, tills, stores);
            Load load = new Load(deployment, tills, stores, options.integer("payments", 100),
                    Double.parseDouble(options.text("rate", "4")), mix(options.text("mix", null)), out).start();
            Faulted faulted = body.apply(new Run(deployment, services, load));
            Load.Result result = load.finish();
            List<FleetResult.Payment> payments = new ArrayList<>(result.payments());
            payments.addAll(faulted.extraPayments());
            Load.Result all = new Load.Result(payments, result.mismatches(), result.completed(), result.resends(),
                    result.seconds());
            out.printf("  load done: %d payments in %.0f s, %d resends by tills, %d mismatches%n",
                    result.completed(), result.seconds(), result.resends(), result.mismatches().size());
            ServiceProcess auditor = null;
            for (ServiceProcess service : services) {
                if (service.healthy()) {
                    auditor = service;
                    break;
                }
            }
            if (auditor == null) {
                throw new IllegalStateException("no service is up to answer the audit");
            }
            Invariants.Findings findings = new Invariants(out).check(deployment, auditor, all,
                    Duration.ofMinutes(qrTtlMinutes).plusSeconds(90), faulted.outageNoise());
            List<String> problems = new ArrayList<>(faulted.problems());
            problems.addAll(findings.problems());
            Verdict verdict = new Verdict(name, payments.size(), faulted.faults(), faulted.recovered(), findings.lost(),
                    findings.doubled(), faulted.recoverMs(), (System.nanoTime() - begin) / 1e9, problems);
            if (!verdict.passed()) {
                deployment.keep();
            }
            return verdict;
        } catch (Exception e) {
            deployment.keep();
            throw e;
        } finally {
            deployment.close();
        }
    }

    // --- the drills -------------------------------------------------------------------------------

    /** SIGKILL the service under load, start it again, {@code --kills=10} times. */
    private Faulted kill9(Run run) throws Exception {
        int kills = options.integer("kills", 10);
        Probe probe = new Probe(run.deployment().connection(), run.deployment().queue());
        long worst = 0;
        int recovered = 0;
        for (int kill = 1; kill <= kills; kill++) {
            Thread.sleep(3_000 + random.nextInt(4_000)); // let the load get some payments mid-flight
            long at = System.nanoTime();
            run.service().kill();
            out.println("  kill -9 #" + kill + " at " + run.load().completed() + " payments");
            run.service().start(Duration.ofSeconds(180));
            long answered = probe.awaitAnswer(Duration.ofSeconds(120));
            if (answered >= 0) {
                recovered++;
                long ms = (System.nanoTime() - at) / 1_000_000;
                worst = Math.max(worst, ms);
                out.printf("  answers again %.1f s after the kill%n", ms / 1000.0);
            }
        }
        Thread.sleep(5_000);
        return new Faulted(kills, recovered, worst);
    }

    /** RabbitMQ stopped for a few seconds under load: the service's listener and the tills reconnect. */
    private Faulted rabbitRestart(Run run) throws Exception {
        Thread.sleep(10_000);
        long at = System.nanoTime();
        out.println("  rabbitmqctl stop_app at " + run.load().completed() + " payments");
        shell("rabbitmqctl", "-q", "stop_app");
        Thread.sleep(options.integer("down-seconds", 3) * 1_000L);
        shell("rabbitmqctl", "-q", "start_app");
        out.println("  rabbitmqctl start_app");
        return recovered(run, at, "the stop");
    }

    /** PostgreSQL restarted under load: the service's pool and processors must come back by themselves. */
    private Faulted postgresRestart(Run run) throws Exception {
        Thread.sleep(10_000);
        long at = System.nanoTime();
        out.println("  PostgreSQL restart at " + run.load().completed() + " payments");
        shell("bash", "-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart");
        out.printf("  PostgreSQL back after %.1f s%n", (System.nanoTime() - at) / 1e9);
        return recovered(run, at, "the restart began");
    }

    /** One fault at {@code at}: how long until a probe is answered again, then the load runs on a while. */
    private Faulted recovered(Run run, long at, String since) throws Exception {
        long answered = new Probe(run.deployment().connection(), run.deployment().queue())
                .awaitAnswer(Duration.ofSeconds(120));
        long ms = (System.nanoTime() - at) / 1_000_000;
        out.printf("  answers again %.1f s after %s%n", ms / 1000.0, since);
        Thread.sleep(15_000);
        return new Faulted(1, answered >= 0 ? 1 : 0, answered >= 0 ? ms : -1);
    }

    /**
     * The bank misbehaving in every way bank-api.md allows, a phase of {@code --phase-seconds=12} each:
     * applied-then-timed-out, applied-then-500, 5xx bursts, dropped connections, PROCESSING storms.
     */
    private Faulted bankFaults(Run run) throws Exception {
        BankSimulator bank = run.deployment().bank();
        long phase = options.integer("phase-seconds", 12) * 1_000L;
        Set<String> moving = Set.of("reserve", "debit", "cancel", "refund");
        Thread.sleep(5_000);
        Map<String, Faults> phases = new LinkedHashMap<>();
        // hangSeconds 7 > the merchant's timeout of 5 s: the call is applied after the client gave up.
        phases.put("hang after apply", new Faults(0, 0, 0, 0.25, 7, 0, 0, 0, 0));
        phases.put("answer lost after apply", new Faults(0, 0, 0, 0, 0, 0, 0, 0, 0.3));
        phases.put("5xx burst", new Faults(0, 0, 1.0, 0, 0, 0, 0, 0, 0));
        phases.put("5xx 30%", new Faults(0, 0, 0.3, 0, 0, 0, 0, 0, 0));
        phases.put("connection resets", new Faults(0, 0, 0, 0, 0, 0, 0, 0.4, 0));
        phases.put("PROCESSING storm", new Faults(0, 0, 0, 0, 0, 0.7, 4, 0, 0));
        for (Map.Entry<String, Faults> entry : phases.entrySet()) {
            for (String call : moving) {
                bank.faults(call, entry.getValue());
            }
            if (entry.getKey().startsWith("5xx") || entry.getKey().startsWith("connection")) {
                bank.faults("status", entry.getValue()); // asking what happened fails too
            }
            out.println("  bank: " + entry.getKey() + " (" + bank.injectedFaults() + " faults so far, "
                    + run.load().completed() + " payments)");
            Thread.sleep(entry.getKey().equals("5xx burst") ? 5_000 : phase);
            bank.clearFaults();
        }
        return drained(run, bank.injectedFaults());
    }

    /**
     * The bank away (every call 5xx, then every connection dropped) for {@code --outage-seconds=80},
     * longer than the merchant's qrTtl of one minute: reservations expire and are cancelled once it is back.
     */
    private Faulted bankDown(Run run) throws Exception {
        BankSimulator bank = run.deployment().bank();
        long outage = options.integer("outage-seconds", 80) * 1_000L;
        Thread.sleep(10_000);
        out.println("  bank: down (5xx) at " + run.load().completed() + " payments");
        for (String call : BankSimulator.CALLS) {
            bank.faults(call, new Faults(0, 0, 1.0, 0, 0, 0, 0, 0, 0));
        }
        Thread.sleep(outage / 2);
        out.println("  bank: down (connections dropped)");
        for (String call : BankSimulator.CALLS) {
            bank.faults(call, new Faults(0, 0, 0, 0, 0, 0, 0, 1.0, 0));
        }
        Thread.sleep(outage - outage / 2);
        Faulted drained = drained(run, bank.injectedFaults());
        return new Faulted(drained.faults(), drained.recovered(), drained.recoverMs(), true, List.of(), List.of());
    }

    /** Faults cleared: the time until the tills' payments in flight have all finished. */
    private Faulted drained(Run run, long faults) {
        run.deployment().bank().clearFaults();
        long at = System.nanoTime();
        out.println("  bank: healthy again after " + faults + " injected faults; waiting for payments in flight");
        run.load().finish();
        long ms = (System.nanoTime() - at) / 1_000_000;
        out.printf("  load drained %.1f s after the faults ended%n", ms / 1000.0);
        return new Faulted(faults, faults, ms);
    }

    /**
     * Tills misbehaving amid valid traffic: the same message_id twice at once, a debit racing a
     * cancel, a status before the reserve is answered, and {@code --malformed=10000} broken messages.
     */
    private Faulted tillChaos(Run run) throws Exception {
        Deployment deployment = run.deployment();
        List<String> problems = new ArrayList<>();
        List<FleetResult.Payment> extra = new ArrayList<>();
        int races = options.integer("races", 20);
        Thread.sleep(5_000);
        try (RawTill till = new RawTill(deployment.connection(), deployment.queue())) {
            for (int i = 0; i < races; i++) {
                race(till, i, problems, extra);
            }
            int malformed = options.integer("malformed", 10_000);
            long deadLettersBefore = deployment.messagesIn(deployment.queue() + ".dlq");
            int expectedDeadLetters = 0;
            out.println("  publishing " + malformed + " malformed messages at " + run.load().completed() + " payments");
            for (int i = 0; i < malformed; i++) {
                boolean withReply = i % 10 == 0;
                till.send(i % 97 == 0 ? null : UUID.randomUUID().toString(), garbage(i), withReply);
                if (!withReply) {
                    expectedDeadLetters++;
                }
            }
            long at = System.nanoTime();
            long drainedMs = -1;
            for (int second = 0; second < 300; second++) {
                if (deployment.messagesIn(deployment.queue()) == 0) {
                    drainedMs = (System.nanoTime() - at) / 1_000_000;
                    break;
                }
                Thread.sleep(1_000);
            }
            // An empty queue counts only messages not yet delivered: up to the consumers' prefetch are
            // still being handled (seen on a slow machine: 54 of 9,000 dead letters arrived after it).
            long deadLetters = deployment.messagesIn(deployment.queue() + ".dlq") - deadLettersBefore;
            for (int second = 0; second < 60 && deadLetters < expectedDeadLetters; second++) {
                Thread.sleep(1_000);
                deadLetters = deployment.messagesIn(deployment.queue() + ".dlq") - deadLettersBefore;
            }
            out.printf("  request queue drained %.1f s after the burst; %d dead-lettered (%d sent without reply_to)%n",
                    drainedMs / 1000.0, deadLetters, expectedDeadLetters);
            if (drainedMs < 0) {
                problems.add("the request queue did not drain within 300 s of the malformed burst");
            }
            if (deadLetters != expectedDeadLetters) {
                problems.add("dead-letter queue got " + deadLetters + " messages; " + expectedDeadLetters
                        + " malformed ones had no reply_to");
            }
            Thread.sleep(10_000);
            return new Faulted(malformed + 3L * races, drainedMs >= 0 ? malformed + 3L * races : 0, drainedMs, false,
                    extra, problems);
        }
    }

    /** One round of the races; every payment made is added to {@code extra} in the state it ended in. */
    private void race(RawTill till, int round, List<String> problems, List<FleetResult.Payment> extra)
            throws Exception {
        String store = FleetOptions.storeId(0);
        String receiptId = store + "-chaos-" + UUID.randomUUID();
        String reserve = """
                {"operation": "reserve", "storeId": "%s", "terminalId": "%s",
                 "receipt": {"id": "%s", "total": 8990, "items": [{"line": 1, "code": "4601234567890",
                   "name": "Молоко", "price": 8990, "quantity": 1, "amount": 8990, "category": "dairy"}]},
                 "card": {"hash": "%s", "maskedPan": "220012******0001"}}"""
                .formatted(store, FleetOptions.terminalId(0, 0), receiptId, Cards.PENSIONER);
        // The same message_id twice at once, and a status by receipt before either is answered.
        String messageId = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> first = till.ask(messageId, reserve);
        CompletableFuture<JsonNode> second = till.ask(messageId, reserve);
        CompletableFuture<JsonNode> early = till.ask(UUID.randomUUID().toString(), """
                {"operation": "status", "storeId": "%s", "receiptId": "%s"}""".formatted(store, receiptId));
        // The service answers a message_id where its latest asker waits (till_request.reply_to is
        // replaced by a repeat), so of two copies in flight at once only one is sure to be answered.
        JsonNode one = (JsonNode) await(CompletableFuture.anyOf(first, second), "reserve sent twice", problems);
        JsonNode status = await(early, "early status", problems);
        if (one == null || status == null) {
            return;
        }
        Thread.sleep(200);
        for (CompletableFuture<JsonNode> copy : List.of(first, second)) {
            JsonNode other = copy.getNow(null);
            if (other != null && !one.path("paymentId").asText().equals(other.path("paymentId").asText())) {
                problems.add("one message_id, two payments: " + one + " / " + other);
            }
        }
        String paymentId = one.path("paymentId").asText();
        if (!"ok".equals(one.path("result").asText())) {
            problems.add("race " + round + ": reserve answered " + one);
            return;
        }
        // The buyer confirms while the cashier voids: either may win, but money moves once.
        long amount = one.path("socialAmount").asLong();
        CompletableFuture<JsonNode> debit = till.ask(UUID.randomUUID().toString(), """
                {"operation": "debit", "paymentId": "%s", "amount": %d}""".formatted(paymentId, amount));
        CompletableFuture<JsonNode> cancel = till.ask(UUID.randomUUID().toString(), """
                {"operation": "cancel", "paymentId": "%s", "reason": "BUYER_DECLINED"}""".formatted(paymentId));
        await(debit, "racing debit", problems);
        await(cancel, "racing cancel", problems);
        String state = "";
        for (int i = 0; i < 120 && !Set.of("DEBITED", "CANCELLED", "CANCEL_EXPIRED").contains(state); i++) {
            JsonNode answer = await(till.ask(UUID.randomUUID().toString(), """
                    {"operation": "status", "paymentId": "%s"}""".formatted(paymentId)), "status", problems);
            state = answer == null ? "" : answer.path("state").asText();
            Thread.sleep(500);
        }
        extra.add(new FleetResult.Payment(paymentId, Cards.PENSIONER, Scenario.VOIDED, state));
    }

    private <T> T await(CompletableFuture<T> answer, String what, List<String> problems) {
        try {
            return answer.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            problems.add(what + " got no answer in 60 s: " + e);
            return null;
        }
    }

    /** Broken in a different way each time: bytes, not an object, wrong types, missing fields. */
    private static byte[] garbage(int i) {
        String body = switch (i % 6) {
            case 0 -> null;
            case 1 -> "[1, 2, 3]";
            case 2 -> "{\"operation\": \"debit\", \"paymentId\": 42, \"amount\": \"lots\"}";
            case 3 -> "{\"operation\": \"reserve\", \"storeId\": \"SIM-S000\"}";
            case 4 -> "{\"operation\": \"teleport\"}";
            default -> "{\"operation\": \"status\"";
        };
        if (body == null) {
            byte[] bytes = new byte[16 + i % 64];
            new Random(i).nextBytes(bytes);
            return bytes;
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Two services on one database and queue; the first killed mid-run, the second carries on. */
    private Faulted twoInstances(Run run) throws Exception {
        run.services().add(run.deployment().startService(List.of()));
        out.println("  second instance up");
        Thread.sleep(15_000);
        long at = System.nanoTime();
        run.services().get(0).kill();
        out.println("  first instance killed at " + run.load().completed() + " payments");
        long answered = new Probe(run.deployment().connection(), run.deployment().queue())
                .awaitAnswer(Duration.ofSeconds(60));
        long ms = (System.nanoTime() - at) / 1_000_000;
        Thread.sleep(20_000);
        return new Faulted(1, answered >= 0 ? 1 : 0, answered >= 0 ? ms : -1);
    }

    /** {@code --mix=FULL_SOCIAL:30,REFUND:5}: scenario weights; every scenario when not given. */
    private static Map<Scenario, Integer> mix(String text) {
        if (text == null || text.isBlank()) {
            return FleetOptions.everyScenario();
        }
        Map<Scenario, Integer> mix = new java.util.EnumMap<>(Scenario.class);
        for (String part : text.split(",")) {
            String[] weight = part.trim().split(":");
            mix.put(Scenario.valueOf(weight[0].trim().toUpperCase()), weight.length > 1 ? Integer.parseInt(weight[1]) : 1);
        }
        return mix;
    }

    private void shell(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
