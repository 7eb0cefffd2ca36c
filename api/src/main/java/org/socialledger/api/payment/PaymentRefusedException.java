package org.socialledger.api.payment;

/**
 * A command that breaks a rule of the payment: nothing was recorded. Each subclass names the
 * rule and carries the offending values; {@link #code()} is how it crosses a boundary (the till
 * protocol's error codes), so nobody has to match on messages.
 */
public abstract sealed class PaymentRefusedException extends RuntimeException
        permits InvalidStateException, AmountMismatchException, PartialRefundNotAllowedException,
        InvalidServiceAnswerException, UnknownOperationException, ConflictingOutcomeException,
        NotDueException, ReceiptInProgressException {

    private final transient PaymentId paymentId;

    protected PaymentRefusedException(PaymentId paymentId, String message) {
        super(message);
        this.paymentId = paymentId;
    }

    public PaymentId paymentId() {
        return paymentId;
    }

    public abstract RefusalCode code();
}
