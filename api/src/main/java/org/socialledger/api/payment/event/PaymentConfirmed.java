package org.socialledger.api.payment.event;

import java.time.Instant;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReplyAddress;

/** Confirmed: the buyer confirmed; recorded before the debit call under {@code debitOperationId}. */
public record PaymentConfirmed(PaymentId paymentId, OperationId debitOperationId, Money amount,
                               ReplyAddress replyTo, Instant confirmedAt) implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return confirmedAt;
    }
}
