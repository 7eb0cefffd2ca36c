package org.socialledger.api.payment;

import java.time.Instant;

/** A time-driven step (expiry of a reservation, giving up a cancel) was asked for before its time. */
public final class NotDueException extends PaymentRefusedException {

    private final Instant dueAt;
    private final Instant askedAt;

    public NotDueException(PaymentId paymentId, String step, Instant dueAt, Instant askedAt) {
        super(paymentId, step + " of payment " + paymentId + " is due at " + dueAt + ", asked at " + askedAt);
        this.dueAt = dueAt;
        this.askedAt = askedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant askedAt() {
        return askedAt;
    }

    @Override
    public RefusalCode code() {
        return RefusalCode.NOT_DUE;
    }
}
