package org.socialledger.api.payment.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReplyAddress;

/** The buyer confirmed and the till sent {@code debit}: debit the reserved social amount. */
public record ConfirmPayment(@TargetAggregateIdentifier PaymentId paymentId, OperationId debitOperationId,
                             Money amount, ReplyAddress replyTo, Instant confirmedAt) {
}
