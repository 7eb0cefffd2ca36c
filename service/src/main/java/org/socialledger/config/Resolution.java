package org.socialledger.config;

import org.socialledger.api.payment.MerchantSettings;

/** What the configuration says for a (store, terminal): settings to start a payment under, or why not. */
public sealed interface Resolution {

    record Resolved(MerchantSettings settings) implements Resolution {
    }

    record Unresolved(Failure failure, String reason) implements Resolution {
    }

    /** Named as the till protocol's error codes. */
    enum Failure {
        UNKNOWN_STORE,
        UNKNOWN_TERMINAL,
        CONFIG
    }
}
