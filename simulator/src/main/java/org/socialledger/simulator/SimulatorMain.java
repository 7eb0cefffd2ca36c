package org.socialledger.simulator;

import java.util.Arrays;
import org.socialledger.simulator.bank.BankSimulator;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.bench.Bench;
import org.socialledger.simulator.bench.EventMultiplier;
import org.socialledger.simulator.deploy.Database;
import org.socialledger.simulator.demo.Demo;
import org.socialledger.simulator.demo.Options;

/**
 * {@code java -jar simulator.jar demo|bank|tills|bench [--key=value ...]}:
 * <ul>
 *   <li>{@code demo}: the whole system on embedded (or given) PostgreSQL and AMQP, a few hundred
 *       payments, the summary and the reconciliation;</li>
 *   <li>{@code bank}: the social processing simulator alone ({@code --port=8099});</li>
 *   <li>{@code tills}: the till fleet against a running deployment ({@code --amqp-host=... --bank-url=...});</li>
 *   <li>{@code bench}: the end-to-end benchmark on a given PostgreSQL and broker ({@code bench/run});</li>
 *   <li>{@code grow-events}: copies the payments in a benchmark database up to {@code --events} events, to replay.</li>
 * </ul>
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "demo" : args[0];
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
                System.err.println("usage: java -jar simulator.jar demo|bank|tills|bench [--key=value ...]");
                System.exit(2);
            }
        }
    }
}
