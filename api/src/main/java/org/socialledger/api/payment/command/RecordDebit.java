package org.socialledger.api.payment.command;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** The service answered DEBITED to the debit operation. */
public record RecordDebit(@TargetAggregateIdentifier PaymentId paymentId, OperationId debitOperationId,
                          Money amount, Map<String, String> bankData, Instant debitedAt) {
}
