package org.socialledger.api.payment.event;

import java.time.Instant;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** cancel_lifetime passed without the service confirming the cancel; a person must act. */
public record CancelExpired(PaymentId paymentId, OperationId cancelOperationId, Instant expiredAt)
        implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return expiredAt;
    }
}
