package org.socialledger.api.payment.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/**
 * The service answered DECLINED to the debit operation. A refused debit is followed by a cancel
 * of the reservation, under {@code cancelOperationId}.
 */
public record RecordDebitDecline(@TargetAggregateIdentifier PaymentId paymentId, OperationId debitOperationId,
                                 String reason, OperationId cancelOperationId, Instant declinedAt) {
}
