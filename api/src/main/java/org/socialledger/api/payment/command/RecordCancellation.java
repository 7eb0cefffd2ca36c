package org.socialledger.api.payment.command;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** The service answered CANCELLED to the cancel operation. */
public record RecordCancellation(@TargetAggregateIdentifier PaymentId paymentId, OperationId cancelOperationId,
                                 Map<String, String> bankData, Instant cancelledAt) {
}
