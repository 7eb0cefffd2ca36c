package org.socialledger.api.payment.event;

import java.time.Instant;
import java.util.List;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReplyAddress;
import org.socialledger.api.payment.SocialLine;

/** A full return of the social goods was asked for; recorded before the refund call, with the payment's settings. */
public record RefundRequested(PaymentId paymentId, OperationId refundOperationId, OperationId reserveOperationId,
                              String refundReceiptId,
                              List<SocialLine> items, Money amount, MerchantSettings settings, ReplyAddress replyTo,
                              Instant requestedAt)
        implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
