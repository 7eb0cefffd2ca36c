package org.socialledger.api.payment.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** The service answered DECLINED to the reserve operation. */
public record RecordReservationDecline(@TargetAggregateIdentifier PaymentId paymentId,
                                       OperationId reserveOperationId, String reason, Instant declinedAt) {
}
