package org.socialledger.api.payment;

/** Who asked for a cancel: the till, the qrTtl expiry, or a debit the service refused. */
public enum CancelInitiator {
    TILL,
    EXPIRY,
    DEBIT_DECLINED
}
