package org.socialledger.payment;

import java.time.Instant;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptInProgressException;
import org.socialledger.api.payment.StoreId;

/**
 * At most one active payment per (store, receipt): a rule across aggregates, so it is kept in a
 * table beside the event store and changed in the same transaction as the events.
 */
public interface ReceiptClaims {

    /**
     * Claims the receipt for the payment; claiming it again for the same payment is fine.
     *
     * @throws ReceiptInProgressException when another payment holds it
     */
    void claim(PaymentId paymentId, StoreId storeId, ReceiptId receiptId, Instant at);

    /** Frees the receipt held by this payment, if any. */
    void release(PaymentId paymentId);
}
