package org.socialledger.bank;

import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BankSettings.class)
class BankConfiguration {

    /** Timers of the time limiter and the retry pauses; the calls themselves run on the HTTP client's threads. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService bankTimers() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "bank-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    MerchantResilience merchantResilience(BankSettings settings, ScheduledExecutorService bankTimers,
                                          MeterRegistry meters) {
        MerchantResilience resilience = new MerchantResilience(settings, bankTimers);
        // Tagged metrics follow the registries, so instances created later (a new merchant url) appear too.
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(resilience.circuitBreakers()).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(resilience.bulkheads()).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(resilience.retries()).bindTo(meters);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(resilience.timeLimiters()).bindTo(meters);
        return resilience;
    }

    /**
     * Threads that take the service's answers on: each records an outcome with a command (a short
     * transaction), so a few suffice, and the till listener keeps its share of the connections.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService bankAnswers(BankSettings settings) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(settings.answerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "bank-answer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    SocialProcessingService socialProcessingService(MerchantResilience resilience, ExecutorService bankAnswers) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new HttpSocialProcessingClient(http, resilience, bankAnswers);
    }
}
