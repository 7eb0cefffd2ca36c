package org.socialledger.till;

/** The till protocol's error codes (pos-protocol.md, "Envelope"). */
public enum ErrorCode {
    MALFORMED,
    VALIDATION,
    UNKNOWN_STORE,
    UNKNOWN_TERMINAL,
    CONFIG,
    UNKNOWN_PAYMENT,
    INVALID_STATE,
    RECEIPT_IN_PROGRESS,
    AMOUNT_MISMATCH,
    PARTIAL_REFUND_NOT_ALLOWED,
    IDEMPOTENCY_CONFLICT,
    UNAVAILABLE;

    /**
     * Refusals decided before anything was recorded leave the message_id free, so the till can
     * correct the request and retry under the same id.
     */
    boolean bindsMessageId() {
        return switch (this) {
            case INVALID_STATE, RECEIPT_IN_PROGRESS, AMOUNT_MISMATCH, PARTIAL_REFUND_NOT_ALLOWED -> true;
            default -> false;
        };
    }
}
