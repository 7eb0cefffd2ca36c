package org.socialledger.bank;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Each merchant url's circuit and bulkhead on /actuator/health. The ledger stays UP when a
 * service is down (payments wait and are resolved later); the state says where to look.
 */
@Component("socialProcessing")
class SocialProcessingHealthIndicator implements HealthIndicator {

    private final MerchantResilience resilience;

    SocialProcessingHealthIndicator(MerchantResilience resilience) {
        this.resilience = resilience;
    }

    @Override
    public Health health() {
        Map<String, Object> services = new LinkedHashMap<>();
        for (CircuitBreaker circuit : resilience.circuitBreakers().getAllCircuitBreakers()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("circuit", circuit.getState().name());
            detail.put("failureRate", circuit.getMetrics().getFailureRate());
            resilience.bulkheads().find(circuit.getName()).ifPresent(bulkhead ->
                    detail.put("callsInFlight", bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                            - bulkhead.getMetrics().getAvailableConcurrentCalls()));
            services.put(circuit.getName(), detail);
        }
        return Health.up().withDetail("services", services).build();
    }
}
