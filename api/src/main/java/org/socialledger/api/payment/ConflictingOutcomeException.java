package org.socialledger.api.payment;

/** An operation's outcome is already known and a different one arrives (DECLINED after RESERVED). */
public final class ConflictingOutcomeException extends PaymentRefusedException {

    private final OperationId operationId;
    private final String known;
    private final String arrived;

    public ConflictingOutcomeException(PaymentId paymentId, OperationId operationId, String known, String arrived) {
        super(paymentId, "operation " + operationId + " of payment " + paymentId + " is already " + known
                + "; refusing a later answer " + arrived);
        this.operationId = operationId;
        this.known = known;
        this.arrived = arrived;
    }

    public OperationId operationId() {
        return operationId;
    }

    public String known() {
        return known;
    }

    public String arrived() {
        return arrived;
    }

    @Override
    public RefusalCode code() {
        return RefusalCode.CONFLICTING_OUTCOME;
    }
}
