package org.socialledger.api.payment.event;

import java.time.Instant;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** The service refused the refund; the payment is DEBITED again and may be refunded later. */
public record RefundDeclined(PaymentId paymentId, OperationId refundOperationId, String reason, Instant declinedAt)
        implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return declinedAt;
    }
}
