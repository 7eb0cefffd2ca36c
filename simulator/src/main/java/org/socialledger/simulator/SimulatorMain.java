package org.socialledger.simulator;

import java.util.Arrays;
import org.socialledger.simulator.bank.BankSimulator;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.bench.Bench;
import org.socialledger.simulator.bench.EventMultiplier;
import org.socialledger.simulator.deploy.Database;
import org.socialledger.simulator.demo.Demo;
import org.socialledger.simulator.demo.Options;
import org.socialledger.simulator.drill.Drills;

/**
 * {@code java -jar simulator.jar demo|bank|tills|bench|grow-events|drill [--key=value ...]}:
 * <ul>
 *   <li>{@code demo}: the whole system on embedded (or given) PostgreSQL and AMQP, a few hundred
 *       payments, the summary and the reconciliation;</li>
 *   <li>{@code bank}: the social processing simulator alone ({@code --port=8099});</li>
 *   <li>{@code tills}: the till fleet against a running deployment ({@code --amqp-host=... --bank-url=...});</li>
 *   <li>{@code bench}: the end-to-end benchmark on a given PostgreSQL and broker ({@code bench/run});</li>
 *   <li>{@code grow-events}: copies the payments in a benchmark database up to {@code --events} events, to replay;</li>
 *   <li>{@code drill <name>|all}: fault drills on the local PostgreSQL and RabbitMQ, each ending with the
 *       invariant check ({@code drill all}, {@code drill kill9 --kills=2 --payments=60}).</li>
 * </ul>
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "demo" : args[0];
        if ("drill".equals(command)) {
            System.exit(drill(Arrays.copyOfRange(args, 1, args.length)));
        }
        Options options = Options.parse(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        switch (command) {
            case "demo" -> System.exit(new Demo(options, System.out).run() ? 0 : 1);
            case "tills" -> System.exit(new Demo(options, System.out).runTillsOnly() ? 0 : 1);
            case "bench" -> System.exit(new Bench(options, System.out).run() ? 0 : 1);
            case "grow-events" -> System.out.println("events: " + new EventMultiplier(new Database(
                    options.text("postgres-url", null), options.text("postgres-user", "postgres"),
                    options.text("postgres-password", "")), System.out).growTo(options.integer("events", 1_000_000)));
            case "bank" -> {
                BankSimulator bank = BankSimulator.start(options.integer("port", 8099),
                        Cards.load(options.text("cards", null)));
                System.out.println("social processing simulator on " + bank.baseUrl());
                Thread.currentThread().join();
            }
            default -> {
                System.err.println("usage: java -jar simulator.jar demo|bank|tills|bench|grow-events|drill [--key=value ...]");
                System.exit(2);
            }
        }
    }

    /** {@code drill kill9 till-chaos --payments=200}: names first (none or {@code all}: every drill). */
    private static int drill(String[] args) {
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") ? rest : names).add(arg);
        }
        Options options = Options.parse(rest.toArray(String[]::new));
        boolean passed = new Drills(options, System.out).run(names).stream().allMatch(verdict -> verdict.passed());
        return passed ? 0 : 1;
    }
}
