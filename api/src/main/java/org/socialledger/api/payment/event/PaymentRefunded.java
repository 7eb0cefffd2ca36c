package org.socialledger.api.payment.event;

import java.time.Instant;
import java.util.Map;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** Refunded: the service returned {@code amount} to the social account. */
public record PaymentRefunded(PaymentId paymentId, OperationId refundOperationId, Money amount,
                              Map<String, String> bankData, Instant refundedAt) implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return refundedAt;
    }
}
