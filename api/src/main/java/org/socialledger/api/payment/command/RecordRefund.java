package org.socialledger.api.payment.command;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** The service answered REFUNDED to the refund operation. */
public record RecordRefund(@TargetAggregateIdentifier PaymentId paymentId, OperationId refundOperationId,
                           Money amount, Map<String, String> bankData, Instant refundedAt) {
}
