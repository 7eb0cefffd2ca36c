package org.socialledger.bank;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.bank.*}: how hard the ledger leans on one merchant's service. The time limit is
 * not here: it is each merchant's {@code timeout} from soc_processing_merchants.
 *
 * @param maxConcurrentCallsPerUrl bulkhead: calls in flight to one url; more fail fast as unknown
 * @param failureRateThreshold     circuit breaker: percentage of failed calls that opens it
 * @param minimumNumberOfCalls     circuit breaker: calls seen before the rate counts
 * @param openStateWait            circuit breaker: how long an open circuit fails fast before trying again
 * @param retryAttempts            attempts of a call that failed before reaching the service (same operation id)
 * @param retryWait                pause between those attempts
 * @param answerThreads            threads that record the service's answers (each with a command)
 */
@ConfigurationProperties("ledger.bank")
public record BankSettings(Integer maxConcurrentCallsPerUrl, Integer failureRateThreshold,
                           Integer minimumNumberOfCalls, Duration openStateWait, Integer retryAttempts,
                           Duration retryWait, Integer answerThreads) {

    public BankSettings {
        maxConcurrentCallsPerUrl = maxConcurrentCallsPerUrl == null ? 256 : maxConcurrentCallsPerUrl;
        failureRateThreshold = failureRateThreshold == null ? 50 : failureRateThreshold;
        minimumNumberOfCalls = minimumNumberOfCalls == null ? 10 : minimumNumberOfCalls;
        openStateWait = openStateWait == null ? Duration.ofSeconds(10) : openStateWait;
        retryAttempts = retryAttempts == null ? 2 : retryAttempts;
        retryWait = retryWait == null ? Duration.ofMillis(200) : retryWait;
        answerThreads = answerThreads == null ? 4 : answerThreads;
    }

    public static BankSettings defaults() {
        return new BankSettings(null, null, null, null, null, null, null);
    }
}
