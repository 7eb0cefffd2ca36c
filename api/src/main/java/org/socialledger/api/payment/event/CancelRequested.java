package org.socialledger.api.payment.event;

import java.time.Instant;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.ReplyAddress;

/**
 * A cancel was asked for; recorded before the call under {@code cancelOperationId}, which every
 * retry reuses. The service knows the reservation by {@code reserveOperationId}. {@code cancelledFrom} DEBITED means a reversal of the debit. {@code giveUpAt} is
 * when cancel_lifetime runs out; null when the cancel is retried forever. {@code replyTo} is null
 * unless the till asked.
 * {@code settings} are those the payment started with: the cancel is retried under them.
 */
public record CancelRequested(PaymentId paymentId, OperationId cancelOperationId, OperationId reserveOperationId,
                              CancelInitiator initiator,
                              String reason, PaymentState cancelledFrom, MerchantSettings settings,
                              ReplyAddress replyTo, Instant requestedAt, Instant giveUpAt) implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
