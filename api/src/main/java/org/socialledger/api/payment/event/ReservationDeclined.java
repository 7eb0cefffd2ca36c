package org.socialledger.api.payment.event;

import java.time.Instant;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** The service refused to reserve ({@code reason} as it said); {@code late}: see PaymentReserved. */
public record ReservationDeclined(PaymentId paymentId, OperationId reserveOperationId, String reason,
                                  Instant declinedAt, boolean late) implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return declinedAt;
    }
}
