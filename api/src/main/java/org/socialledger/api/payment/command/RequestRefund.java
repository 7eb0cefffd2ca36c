package org.socialledger.api.payment.command;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReplyAddress;
import org.socialledger.api.payment.SocialLine;

/** Return all the social goods of a debited payment (never a part of them). */
public record RequestRefund(@TargetAggregateIdentifier PaymentId paymentId, OperationId refundOperationId,
                            String refundReceiptId, List<SocialLine> items, ReplyAddress replyTo,
                            Instant requestedAt) {
}
