package org.socialledger.simulator.till;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reply latencies per operation, in microseconds, for p50/p95/p99/max. */
public final class Latencies {

    private final Map<String, List<Long>> samples = new TreeMap<>();

    public synchronized void record(String operation, long nanos) {
        samples.computeIfAbsent(operation, key -> new ArrayList<>()).add(nanos / 1_000);
    }

    public record Summary(String operation, int count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
        @Override
        public String toString() {
            return String.format("%-8s n=%6d  p50=%7.1f ms  p95=%7.1f ms  p99=%7.1f ms  max=%7.1f ms", operation, count,
                    p50Ms, p95Ms, p99Ms, maxMs);
        }
    }

    public synchronized List<Summary> summaries() {
        List<Summary> result = new ArrayList<>();
        samples.forEach((operation, values) -> {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            result.add(new Summary(operation, sorted.size(), at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                    sorted.get(sorted.size() - 1) / 1_000.0));
        });
        return result;
    }

    private static double at(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1_000.0;
    }
}
