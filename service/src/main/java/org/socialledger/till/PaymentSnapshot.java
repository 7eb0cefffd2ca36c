package org.socialledger.till;

import java.time.Instant;
import java.util.List;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.StoreId;

/** What a till may learn about a payment: its state and money, as of its last event. */
public record PaymentSnapshot(PaymentId paymentId, StoreId storeId, ReceiptId receiptId, PaymentState state,
                              List<SocialLine> socialItems, Money socialAmount, Money remainder,
                              Money debitedAmount, Money refundedAmount, Instant expiresAt, Instant updatedAt,
                              String lastReason) {
}
