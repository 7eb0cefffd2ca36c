package org.socialledger.simulator.drill;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.socialledger.simulator.till.FleetOptions;
import org.socialledger.simulator.till.FleetResult;
import org.socialledger.simulator.till.Scenario;
import org.socialledger.simulator.till.TillFleet;

/**
 * Till traffic for as long as a drill's faults last: the fleet runs in rounds of a few receipts
 * per till until the drill says stop and at least {@code minimum} payments were made, so load
 * spans the whole fault schedule whatever the machine's speed.
 */
final class Load {

    /** What the rounds did, together. */
    record Result(List<FleetResult.Payment> payments, List<String> mismatches, int completed, long resends,
                  double seconds) {
    }

    private final Deployment deployment;
    private final int tills;
    private final int stores;
    private final int minimum;
    private final double rate;
    private final Map<Scenario, Integer> mix;
    private final PrintStream out;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger completed = new AtomicInteger();
    private final List<FleetResult.Payment> payments = Collections.synchronizedList(new ArrayList<>());
    private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    private CompletableFuture<Result> running;

    Load(Deployment deployment, int tills, int stores, int minimum, double rate, Map<Scenario, Integer> mix,
         PrintStream out) {
        this.deployment = deployment;
        this.tills = tills;
        this.stores = stores;
        this.minimum = minimum;
        this.rate = rate;
        this.mix = mix;
        this.out = out;
    }

    Load start() {
        running = CompletableFuture.supplyAsync(this::rounds);
        return this;
    }

    /** Payments finished so far (a rising count means the load flows). */
    int completed() {
        return completed.get();
    }

    /** Ask the load to end after the current round (once the minimum is reached) and wait for it. */
    Result finish() {
        stop.set(true);
        return running.join();
    }

    private Result rounds() {
        long begin = System.nanoTime();
        long resends = 0;
        // The fleet's own progress lines every 2 s would drown the drill's; it reports per round instead.
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int round = 0;
        while (!stop.get() || completed.get() < minimum) {
            int perRound = tills * 4;
            FleetOptions options = new FleetOptions(tills, stores, perRound, rate, mix, Duration.ofSeconds(320),
                    31L * round++ + 7);
            try {
                FleetResult result = new TillFleet(deployment.connection(), deployment.queue(), options, quiet).run();
                payments.addAll(result.payments());
                mismatches.addAll(result.mismatches());
                resends += result.resends();
                completed.addAndGet(result.completed());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            out.printf("  load: %d payments, %d mismatches%n", completed.get(), mismatches.size());
        }
        return new Result(List.copyOf(payments), List.copyOf(mismatches), completed.get(), resends,
                (System.nanoTime() - begin) / 1e9);
    }
}
