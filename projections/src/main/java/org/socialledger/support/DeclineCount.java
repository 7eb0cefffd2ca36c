package org.socialledger.support;

/**
 * How many times the service declined with {@code reason}. A payment whose refund was declined
 * more than once counts its last refund decline only.
 */
public record DeclineCount(Kind kind, String reason, long count) {

    /** Which call the service declined. */
    public enum Kind {
        RESERVATION,
        DEBIT,
        REFUND
    }
}
