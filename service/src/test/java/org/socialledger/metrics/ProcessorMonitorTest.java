package org.socialledger.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.Test;

/** An event processor's meters as Axon's own two monitors keep them: same names, same lag, same counts. */
class ProcessorMonitorTest {

    private static EventMessage<String> storedAt(String payload, Instant timestamp) {
        return new GenericEventMessage<>(GenericEventMessage.asEventMessage(payload), () -> timestamp);
    }

    @Test
    void theSameEventsGiveTheSameLagAndCountsAsAxonsMonitors() {
        MockClock clock = new MockClock();
        MeterRegistry axonMeters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        MeterRegistry ourMeters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        @SuppressWarnings({"unchecked", "rawtypes"})
        MessageMonitor<Message<?>> axon = new MultiMessageMonitor<>(
                (MessageMonitor) MessageCountingMonitor.buildMonitor("journal", axonMeters),
                (MessageMonitor) EventProcessorLatencyMonitor.builder().meterNamePrefix("journal")
                        .meterRegistry(axonMeters).clock(clock).build());
        MessageMonitor<Message<?>> ours = new ProcessorMonitor("journal", ourMeters);
        Instant now = Instant.ofEpochMilli(clock.wallTime());

        Map<String, List<Double>> axonReadings = new TreeMap<>();
        Map<String, List<Double>> ourReadings = new TreeMap<>();
        for (int step = 0; step < 3; step++) {
            for (MessageMonitor<Message<?>> monitor : List.of(axon, ours)) {
                monitor.onMessageIngested(storedAt("late", now.minusMillis(1_500))).reportSuccess();
                monitor.onMessageIngested(storedAt("recent", now.minusMillis(40 + step))).reportFailure(
                        new IllegalStateException("refused"));
            }
            read(axonMeters, axonReadings);
            read(ourMeters, ourReadings);
            clock.add(250, TimeUnit.MILLISECONDS);
        }

        assertThat(ourReadings).isEqualTo(axonReadings)
                .containsEntry("journal.latency", List.of(40.0, 291.0, 542.0))
                .containsEntry("journal.successCounter", List.of(1.0, 2.0, 3.0))
                .containsEntry("journal.failureCounter", List.of(1.0, 2.0, 3.0));
    }

    private static void read(MeterRegistry meters, Map<String, List<Double>> readings) {
        meters.getMeters().forEach(meter -> {
            assertThat(meter.getId().getTags()).isEmpty();
            double value = meter instanceof Gauge gauge ? gauge.value() : meter.measure().iterator().next().getValue();
            readings.computeIfAbsent(meter.getId().getName(), name -> new java.util.ArrayList<>()).add(value);
        });
    }
}
