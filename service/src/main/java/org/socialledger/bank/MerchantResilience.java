package org.socialledger.bank;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The resilience4j instances of each merchant url, created on first use and kept in registries
 * (so metrics and health see them): a circuit breaker and a bulkhead per url, a time limit per
 * (url, timeout), and a retry only for failures that never reached the service.
 */
public class MerchantResilience {

    private final CircuitBreakerRegistry circuitBreakers;
    private final BulkheadRegistry bulkheads;
    private final RetryRegistry retries;
    private final TimeLimiterRegistry timeLimiters;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentMap<String, Guards> guardsByUrl = new ConcurrentHashMap<>();

    public MerchantResilience(BankSettings settings, ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .slidingWindowSize(Math.max(settings.minimumNumberOfCalls(), 20))
                .waitDurationInOpenState(settings.openStateWait())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordExceptions(IOException.class, ServiceFailure.class,
                        java.util.concurrent.TimeoutException.class)
                .build());
        bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCallsPerUrl())
                .maxWaitDuration(Duration.ZERO)
                .build());
        retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .waitDuration(settings.retryWait())
                // Only what surely never reached the service, or that it refused to take:
                // a timeout may have been applied, and is resolved by asking, not resending.
                .retryOnException(e -> e instanceof ConnectException
                        || e instanceof ServiceFailure failure && failure.retryable())
                .build());
        timeLimiters = TimeLimiterRegistry.ofDefaults();
    }

    public CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers;
    }

    public BulkheadRegistry bulkheads() {
        return bulkheads;
    }

    public RetryRegistry retries() {
        return retries;
    }

    public TimeLimiterRegistry timeLimiters() {
        return timeLimiters;
    }

    /** Retry(CircuitBreaker(Bulkhead(TimeLimiter(call)))) for this merchant. */
    public <T> CompletionStage<T> call(String url, Duration timeout, Supplier<CompletionStage<T>> call) {
        Guards guards = guardsByUrl.computeIfAbsent(url, this::guards);
        TimeLimiter timeLimiter = guards.timeLimiters().computeIfAbsent(timeout, limit -> timeLimiters.timeLimiter(
                guards.name() + "@" + limit.toMillis() + "ms",
                TimeLimiterConfig.custom().timeoutDuration(limit).cancelRunningFuture(true).build()));
        Supplier<CompletionStage<T>> limited = () -> timeLimiter.executeCompletionStage(scheduler, call);
        Supplier<CompletionStage<T>> guarded = Bulkhead.decorateCompletionStage(guards.bulkhead(), limited);
        Supplier<CompletionStage<T>> broken = CircuitBreaker.decorateCompletionStage(guards.circuitBreaker(), guarded);
        return Retry.decorateCompletionStage(guards.retry(), scheduler, broken).get();
    }

    /**
     * A merchant url's instances, looked up in the registries once: naming the url took three
     * regular expressions and the lookups a configuration built per call, together ~2 % of the
     * service's CPU at full load (JFR, BENCHMARKS.md). The registries still hold every instance.
     */
    private Guards guards(String url) {
        String name = name(url);
        return new Guards(name, circuitBreakers.circuitBreaker(name), bulkheads.bulkhead(name), retries.retry(name),
                new ConcurrentHashMap<>());
    }

    private record Guards(String name, CircuitBreaker circuitBreaker, Bulkhead bulkhead, Retry retry,
                          ConcurrentMap<Duration, TimeLimiter> timeLimiters) {
    }

    /** Instance names are the merchant url without credentials or query, readable in metrics. */
    static String name(String url) {
        return url.replaceFirst("//[^/@]*@", "//").replaceFirst("[?#].*$", "").replaceFirst("/+$", "");
    }

    /** A 5xx (or an unreadable answer) that counts against the circuit. */
    static final class ServiceFailure extends RuntimeException {
        private final boolean retryable;

        ServiceFailure(String message, boolean retryable) {
            super(message, null, false, false);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }

    static boolean isTimeout(Throwable e) {
        return e instanceof java.util.concurrent.TimeoutException || e instanceof HttpTimeoutException;
    }
}
