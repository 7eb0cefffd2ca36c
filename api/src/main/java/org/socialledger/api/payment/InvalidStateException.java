package org.socialledger.api.payment;

/** The command is not allowed in the payment's current state (e.g. a debit after a cancel). */
public final class InvalidStateException extends PaymentRefusedException {

    private final PaymentState state;
    private final String attempted;

    public InvalidStateException(PaymentId paymentId, PaymentState state, String attempted) {
        super(paymentId, "payment " + paymentId + " is " + state + ": cannot " + attempted);
        this.state = state;
        this.attempted = attempted;
    }

    public PaymentState state() {
        return state;
    }

    public String attempted() {
        return attempted;
    }

    @Override
    public RefusalCode code() {
        return RefusalCode.INVALID_STATE;
    }
}
