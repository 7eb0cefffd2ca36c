package org.socialledger.api.payment.event;

import java.time.Instant;
import java.util.Map;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** Debited: the service took {@code amount} from the social account; {@code late}: see PaymentReserved. */
public record PaymentDebited(PaymentId paymentId, OperationId debitOperationId, Money amount,
                             Map<String, String> bankData, Instant debitedAt, boolean late)
        implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return debitedAt;
    }
}
