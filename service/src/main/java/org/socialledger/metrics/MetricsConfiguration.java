package org.socialledger.metrics;

import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** Takes the place of Axon's auto-configured module (which steps back when one is defined). */
    @Bean
    MetricsConfigurerModule axonMetrics(GlobalMetricRegistry registry) {
        return new AxonMetrics(registry);
    }
}
