package org.socialledger.api.payment;

/** An answer names an operation this payment never sent (or no longer waits for). */
public final class UnknownOperationException extends PaymentRefusedException {

    private final OperationId operationId;

    public UnknownOperationException(PaymentId paymentId, String kind, OperationId operationId) {
        super(paymentId, "payment " + paymentId + " has no " + kind + " operation " + operationId);
        this.operationId = operationId;
    }

    public OperationId operationId() {
        return operationId;
    }

    @Override
    public RefusalCode code() {
        return RefusalCode.UNKNOWN_OPERATION;
    }
}
