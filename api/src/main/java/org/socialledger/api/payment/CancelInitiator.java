package org.socialledger.api.payment;

/** Who asked for a cancel. */
public enum CancelInitiator {
    /** The till: the buyer declined, or the receipt was voided (a reversal when debited). */
    TILL,
    /** qrTtl passed without a debit. */
    EXPIRY,
    /** The service refused the debit; its reservation is released. */
    DEBIT_DECLINED,
    /** The ledger itself: the service answered something it cannot trust (see InvalidServiceAnswerException). */
    LEDGER
}
