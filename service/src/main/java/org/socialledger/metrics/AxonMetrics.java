package org.socialledger.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;

/**
 * Axon's meters, less the two that cost the most per message.
 *
 * <p>Axon's own set gives every event processor a timer, a capacity monitor, a lag gauge and
 * counters, and the command bus a timer, a capacity monitor and counters. The timers look their
 * meter up in the registry for every message and the capacity monitors keep a sorted map of recent
 * messages: together with the rest about 9 % of the service's CPU at full load (JFR, BENCHMARKS.md).
 * Kept, under the names Axon gives them: each processor's lag ({@code <processor>.latency}) and
 * every component's counts of ingested, successful, failed and ignored messages
 * ({@code <component>.successCounter}, {@code .failureCounter}, ...; {@link MessageCounters} and
 * {@link ProcessorMonitor}, which register them once). The tills' own view of time
 * is measured end to end by the benchmark, not per handler.
 */
final class AxonMetrics extends MetricsConfigurerModule {

    private final MeterRegistry meters;

    AxonMetrics(GlobalMetricRegistry registry) {
        super(registry);
        this.meters = registry.getRegistry();
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureMessageMonitor(axon -> this::monitor);
    }

    private MessageMonitor<Message<?>> monitor(Class<?> componentType, String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new ProcessorMonitor(componentName, meters);
        }
        if (CommandBus.class.isAssignableFrom(componentType) || EventBus.class.isAssignableFrom(componentType)) {
            return new MessageCounters(componentName, meters);
        }
        return NoOpMessageMonitor.instance();
    }
}
