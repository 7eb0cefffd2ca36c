package org.socialledger.api.payment.event;

import java.time.Instant;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReplyAddress;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;

/**
 * A till asked to reserve; recorded before the service is called, so a crash in between is
 * resolved by asking the service about {@code reserveOperationId}. {@code expiresAt} is
 * {@code requestedAt} + qrTtl: a payment not debited by then is cancelled.
 */
public record ReservationRequested(PaymentId paymentId, OperationId reserveOperationId, StoreId storeId,
                                   TerminalId terminalId, Receipt receipt, Card card, MerchantSettings settings,
                                   ReplyAddress replyTo, Instant requestedAt, Instant expiresAt)
        implements PaymentEvent {

    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
