package org.socialledger.api.payment.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReplyAddress;

/** Release the reservation, or reverse the debit: asked by the till or by the qrTtl expiry. */
public record RequestCancel(@TargetAggregateIdentifier PaymentId paymentId, OperationId cancelOperationId,
                            CancelInitiator initiator, String reason, ReplyAddress replyTo, Instant requestedAt) {
}
