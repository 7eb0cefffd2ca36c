package org.socialledger.config;

/** A valid row of soc_processing_merchants, defaults applied (qrTtl 5, interval 5, timeout 30, cancel_lifetime 0). */
public record MerchantConfig(int id, String url, int qrTtlMinutes, int intervalSeconds, int timeoutSeconds,
                             int cancelLifetimeHours, String enterpriseId, String merchantId, String spCode) {

    static final int DEFAULT_QR_TTL_MINUTES = 5;
    static final int DEFAULT_INTERVAL_SECONDS = 5;
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    static final int DEFAULT_CANCEL_LIFETIME_HOURS = 0;
}
