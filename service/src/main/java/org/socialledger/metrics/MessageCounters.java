package org.socialledger.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The counters of Axon's {@code MessageCountingMonitor}, under its names and without tags
 * ({@code <component>.ingestedCounter}, {@code .successCounter}, {@code .failureCounter},
 * {@code .processedCounter}, {@code .ignoredCounter}), registered once. Axon's monitor looked each
 * of the five up in the registry by name for every message: 1.5-2 % of the service's CPU at full
 * load (JFR, BENCHMARKS.md).
 */
final class MessageCounters implements MessageMonitor<Message<?>> {

    private final Counter ingested;
    private final Counter success;
    private final Counter failure;
    private final Counter processed;
    private final Counter ignored;
    private final MonitorCallback callback;

    MessageCounters(String component, MeterRegistry meters) {
        this.ingested = meters.counter(component + ".ingestedCounter");
        this.success = meters.counter(component + ".successCounter");
        this.failure = meters.counter(component + ".failureCounter");
        this.processed = meters.counter(component + ".processedCounter");
        this.ignored = meters.counter(component + ".ignoredCounter");
        this.callback = new MonitorCallback() {
            @Override
            public void reportSuccess() {
                processed.increment();
                success.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                processed.increment();
                failure.increment();
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
            }
        };
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        ingested.increment();
        return callback;
    }
}
