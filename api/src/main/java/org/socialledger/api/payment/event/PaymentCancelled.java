package org.socialledger.api.payment.event;

import java.time.Instant;
import java.util.Map;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/**
 * Cancelled: the service released the reservation or reversed the debit. {@code late} when the
 * confirmation came after cancel_lifetime had already given up (the payment stays CANCEL_EXPIRED,
 * and the person looking at it sees that the money was released after all).
 */
public record PaymentCancelled(PaymentId paymentId, OperationId cancelOperationId, Map<String, String> bankData,
                               Instant cancelledAt, boolean late) implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return cancelledAt;
    }
}
