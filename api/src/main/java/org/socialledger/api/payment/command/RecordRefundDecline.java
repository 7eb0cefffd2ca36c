package org.socialledger.api.payment.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** The service answered DECLINED to the refund operation; the payment stays debited. */
public record RecordRefundDecline(@TargetAggregateIdentifier PaymentId paymentId, OperationId refundOperationId,
                                  String reason, Instant declinedAt) {
}
