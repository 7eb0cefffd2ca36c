package org.socialledger.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * An event processor's meters: its message counts ({@link MessageCounters}) and its lag, the gauge
 * {@code <processor>.latency} of Axon's {@code EventProcessorLatencyMonitor} (milliseconds between
 * the last event's timestamp and its handling, no tags), registered once. Axon's monitor built the
 * gauge and registered it again for every event, and Axon's {@code MultiMessageMonitor} joining it
 * to the counters streamed over both: together 2 % of the service's CPU at full load (JFR,
 * BENCHMARKS.md).
 */
final class ProcessorMonitor implements MessageMonitor<Message<?>> {

    private final MessageCounters counters;
    private final Clock clock;
    private final AtomicLong lag = new AtomicLong();

    ProcessorMonitor(String processor, MeterRegistry meters) {
        this.counters = new MessageCounters(processor, meters);
        this.clock = meters.config().clock();
        Gauge.builder(processor + ".latency", lag::get).register(meters);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (message instanceof EventMessage<?> event) {
            lag.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        return counters.onMessageIngested(message);
    }
}
