package org.socialledger.api.payment.event;

import java.time.Instant;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReplyAddress;

/**
 * Confirmed: the buyer confirmed; recorded before the debit call under {@code debitOperationId},
 * with the merchant settings the call is made under (those the payment started with).
 */
public record PaymentConfirmed(PaymentId paymentId, OperationId debitOperationId, Money amount,
                               MerchantSettings settings, ReplyAddress replyTo, Instant confirmedAt)
        implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return confirmedAt;
    }
}
