package org.socialledger.api.payment.event;

import java.time.Instant;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** The service refused the debit (e.g. RESERVATION_EXPIRED); a cancel follows unless one is under way. */
public record DebitDeclined(PaymentId paymentId, OperationId debitOperationId, String reason, Instant declinedAt,
                            boolean late) implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return declinedAt;
    }
}
