package org.socialledger.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/** The counters Axon's own monitor keeps, with the same names and the same counts. */
class MessageCountersTest {

    @Test
    void theSameMessagesAndOutcomesGiveTheSameCountersAsAxonsMonitor() {
        MeterRegistry axonMeters = new SimpleMeterRegistry();
        MeterRegistry ourMeters = new SimpleMeterRegistry();
        MessageMonitor<Message<?>> axon = MessageCountingMonitor.buildMonitor("payment-saga", axonMeters);
        MessageMonitor<Message<?>> ours = new MessageCounters("payment-saga", ourMeters);

        for (MessageMonitor<Message<?>> monitor : List.of(axon, ours)) {
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("one")).reportSuccess();
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("two")).reportSuccess();
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("three"))
                    .reportFailure(new IllegalStateException("refused"));
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("four")).reportIgnored();
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("five"));
        }

        assertThat(counts(ourMeters)).isEqualTo(counts(axonMeters)).containsEntry("payment-saga.ingestedCounter", 5.0)
                .containsEntry("payment-saga.successCounter", 2.0).containsEntry("payment-saga.failureCounter", 1.0)
                .containsEntry("payment-saga.processedCounter", 3.0).containsEntry("payment-saga.ignoredCounter", 1.0);
    }

    private static Map<String, Double> counts(MeterRegistry meters) {
        Map<String, Double> counts = new TreeMap<>();
        meters.getMeters().forEach(meter -> {
            assertThat(meter.getId().getTags()).isEmpty();
            if (meter instanceof Counter counter) {
                counts.put(meter.getId().getName(), counter.count());
            }
        });
        return counts;
    }
}
