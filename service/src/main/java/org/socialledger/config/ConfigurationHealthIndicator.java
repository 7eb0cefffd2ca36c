package org.socialledger.config;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Shows bad configuration rows on /actuator/health. The service stays UP: the other stores keep
 * working, and the unusable rows are listed for the operator to fix.
 */
@Component("configuration")
class ConfigurationHealthIndicator implements HealthIndicator {

    private final ConfigurationCache cache;

    ConfigurationHealthIndicator(ConfigurationCache cache) {
        this.cache = cache;
    }

    @Override
    public Health health() {
        ConfigSnapshot snapshot = cache.current();
        return Health.up()
                .withDetail("stores", snapshot.stores().size())
                .withDetail("merchants", snapshot.merchants().size())
                .withDetail("terminals", snapshot.terminals().size())
                .withDetail("problems", snapshot.problems().stream().map(ConfigProblem::toString).toList())
                .withDetail("readAt", snapshot.readAt().toString())
                .build();
    }
}
