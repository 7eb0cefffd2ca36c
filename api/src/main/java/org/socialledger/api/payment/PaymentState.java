package org.socialledger.api.payment;

/** Where a payment is in its lifecycle (domain.md, "Lifecycle of one payment"). */
public enum PaymentState {
    REQUESTED,
    RESERVED,
    DECLINED,
    CONFIRMED,
    DEBITED,
    CANCELLING,
    CANCELLED,
    CANCEL_EXPIRED,
    REFUNDING,
    REFUNDED;

    /** A final payment never changes state again; late outcomes are still recorded. */
    public boolean isFinal() {
        return this == DECLINED || this == CANCELLED || this == CANCEL_EXPIRED || this == REFUNDED;
    }
}
