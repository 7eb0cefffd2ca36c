package org.socialledger.api.payment;

import java.time.Duration;

/**
 * The settings a payment was started under, copied from the configuration tables into
 * {@code ReservationRequested}: a payment is resolved under the settings it started with, and a
 * replay never depends on today's configuration. Units are the integrator's (minutes, seconds,
 * hours), kept in the names so the JSON in the event store reads without a manual.
 *
 * @param merchantConfigId    id of the row in soc_processing_merchants
 * @param url                 base address of the social processing service
 * @param qrTtlMinutes        lifetime of the reservation; the terminal's qrTtl when it has one
 * @param intervalSeconds     pause between status polls and cancel retries
 * @param timeoutSeconds      network timeout of one call to the service
 * @param cancelLifetimeHours how long a cancel is retried; 0 means forever
 * @param terminalNo          the terminal id issued by the service (soc_processing_terminals)
 */
public record MerchantSettings(int merchantConfigId, String url, int qrTtlMinutes, int intervalSeconds,
                               int timeoutSeconds, int cancelLifetimeHours, String enterpriseId,
                               String merchantId, String spCode, String terminalNo) {

    public MerchantSettings {
        Text.requireId(url, "url", 2048);
        if (qrTtlMinutes < 1) {
            throw new IllegalArgumentException("qrTtl must be at least 1 minute, got " + qrTtlMinutes);
        }
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("interval must be at least 1 second, got " + intervalSeconds);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 second, got " + timeoutSeconds);
        }
        if (cancelLifetimeHours < 0) {
            throw new IllegalArgumentException("cancel_lifetime cannot be negative, got " + cancelLifetimeHours);
        }
        Text.requireId(enterpriseId, "enterprise_id", 255);
        Text.requireId(merchantId, "merchant_id", 255);
        Text.requireId(spCode, "sp_code", 255);
        Text.requireId(terminalNo, "TerminalNo", 255);
    }

    public Duration qrTtl() {
        return Duration.ofMinutes(qrTtlMinutes);
    }

    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** True when cancel_lifetime is 0: a cancel is retried until the service confirms it. */
    public boolean cancelsForever() {
        return cancelLifetimeHours == 0;
    }

    public Duration cancelLifetime() {
        return Duration.ofHours(cancelLifetimeHours);
    }
}
