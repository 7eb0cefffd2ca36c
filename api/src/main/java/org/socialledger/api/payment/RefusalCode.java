package org.socialledger.api.payment;

/**
 * Why a command was refused. The first five are the till protocol's error codes; the rest
 * concern the service's answers and the saga, and never reach a till.
 */
public enum RefusalCode {
    INVALID_STATE,
    AMOUNT_MISMATCH,
    PARTIAL_REFUND_NOT_ALLOWED,
    RECEIPT_IN_PROGRESS,
    VALIDATION,
    INVALID_SERVICE_ANSWER,
    UNKNOWN_OPERATION,
    CONFLICTING_OUTCOME,
    NOT_DUE
}
