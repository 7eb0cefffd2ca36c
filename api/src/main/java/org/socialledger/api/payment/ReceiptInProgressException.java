package org.socialledger.api.payment;

/** Another payment for the same store and receipt is still active. */
public final class ReceiptInProgressException extends PaymentRefusedException {

    private final PaymentId activePaymentId;

    public ReceiptInProgressException(PaymentId paymentId, StoreId storeId, ReceiptId receiptId,
                                      PaymentId activePaymentId) {
        super(paymentId, "receipt " + receiptId + " of store " + storeId + " already has an active payment "
                + activePaymentId);
        this.activePaymentId = activePaymentId;
    }

    public PaymentId activePaymentId() {
        return activePaymentId;
    }

    @Override
    public RefusalCode code() {
        return RefusalCode.RECEIPT_IN_PROGRESS;
    }
}
