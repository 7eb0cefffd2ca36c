package org.socialledger.payment;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptInProgressException;
import org.socialledger.api.payment.StoreId;

/** The claim rule without a database, for aggregate unit tests (the JDBC one has its own test). */
final class InMemoryReceiptClaims implements ReceiptClaims {

    private final Map<String, PaymentId> holders = new HashMap<>();

    @Override
    public void claim(PaymentId paymentId, StoreId storeId, ReceiptId receiptId, Instant at) {
        PaymentId holder = holders.putIfAbsent(storeId + "/" + receiptId, paymentId);
        if (holder != null && !holder.equals(paymentId)) {
            throw new ReceiptInProgressException(paymentId, storeId, receiptId, holder);
        }
    }

    @Override
    public void release(PaymentId paymentId) {
        holders.values().removeIf(paymentId::equals);
    }

    boolean isClaimed(StoreId storeId, ReceiptId receiptId) {
        return holders.containsKey(storeId + "/" + receiptId);
    }
}
