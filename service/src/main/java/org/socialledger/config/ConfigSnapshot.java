package org.socialledger.config;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.config.Resolution.Failure;
import org.socialledger.config.Resolution.Resolved;
import org.socialledger.config.Resolution.Unresolved;

/**
 * The three tables as read at one moment: valid rows by key, and the problems of the others. A
 * key whose row is unusable is absent from the maps and present in {@code brokenKeys}, so that
 * resolving it says "unusable" (CONFIG) rather than "unknown".
 */
public record ConfigSnapshot(Map<String, StoreConfig> stores, Map<Integer, MerchantConfig> merchants,
                             Map<String, TerminalConfig> terminals, Map<String, String> brokenKeys,
                             List<ConfigProblem> problems, Instant readAt) {

    /** A store missing from soc_processing_stores uses this merchant, when it exists. */
    public static final int FALLBACK_MERCHANT = 0;

    public ConfigSnapshot {
        stores = Map.copyOf(stores);
        merchants = Map.copyOf(merchants);
        terminals = Map.copyOf(terminals);
        brokenKeys = Map.copyOf(brokenKeys);
        problems = List.copyOf(problems);
    }

    static String storeKey(String storeId) {
        return "store:" + storeId;
    }

    static String merchantKey(int id) {
        return "merchant:" + id;
    }

    static String terminalKey(String terminalId) {
        return "terminal:" + terminalId;
    }

    public Resolution resolve(StoreId storeId, TerminalId terminalId) {
        String storeBroken = brokenKeys.get(storeKey(storeId.value()));
        if (storeBroken != null) {
            return new Unresolved(Failure.CONFIG, "store " + storeId + " is misconfigured: " + storeBroken);
        }
        StoreConfig store = stores.get(storeId.value());
        int merchantId;
        if (store != null) {
            merchantId = store.merchant();
        } else if (merchants.containsKey(FALLBACK_MERCHANT)
                || brokenKeys.containsKey(merchantKey(FALLBACK_MERCHANT))) {
            merchantId = FALLBACK_MERCHANT;
        } else {
            return new Unresolved(Failure.UNKNOWN_STORE, "store " + storeId
                    + " is not in soc_processing_stores and there is no merchant 0 to fall back to");
        }
        String merchantBroken = brokenKeys.get(merchantKey(merchantId));
        if (merchantBroken != null) {
            return new Unresolved(Failure.CONFIG,
                    "merchant " + merchantId + " used by store " + storeId + " is misconfigured: " + merchantBroken);
        }
        MerchantConfig merchant = merchants.get(merchantId);
        if (merchant == null) {
            return new Unresolved(Failure.CONFIG, "store " + storeId + " uses merchant " + merchantId
                    + ", which is not in soc_processing_merchants");
        }
        String terminalBroken = brokenKeys.get(terminalKey(terminalId.value()));
        if (terminalBroken != null) {
            return new Unresolved(Failure.CONFIG, "terminal " + terminalId + " is misconfigured: " + terminalBroken);
        }
        TerminalConfig terminal = terminals.get(terminalId.value());
        if (terminal == null) {
            return new Unresolved(Failure.UNKNOWN_TERMINAL,
                    "terminal " + terminalId + " is not in soc_processing_terminals");
        }
        int qrTtl = terminal.qrTtlMinutes() != null ? terminal.qrTtlMinutes() : merchant.qrTtlMinutes();
        return new Resolved(new MerchantSettings(merchant.id(), merchant.url(), qrTtl, merchant.intervalSeconds(),
                merchant.timeoutSeconds(), merchant.cancelLifetimeHours(), merchant.enterpriseId(),
                merchant.merchantId(), merchant.spCode(), terminal.terminalNo()));
    }
}
