package org.socialledger.api.payment.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.SocialLine;

/**
 * Reserved: the service holds {@code socialAmount} for the social lines; the buyer pays
 * {@code remainder} otherwise. {@code late} marks an answer that came after the payment was
 * already being cancelled: recorded, and the cancel goes on to release it.
 */
public record PaymentReserved(PaymentId paymentId, OperationId reserveOperationId, String reservationId,
                              List<SocialLine> socialLines, Money socialAmount, Money remainder,
                              Map<String, String> bankData, Instant reservedAt, boolean late)
        implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return reservedAt;
    }
}
