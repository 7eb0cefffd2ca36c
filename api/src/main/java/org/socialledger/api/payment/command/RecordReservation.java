package org.socialledger.api.payment.command;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.SocialLine;

/** The service answered RESERVED to the reserve operation. */
public record RecordReservation(@TargetAggregateIdentifier PaymentId paymentId, OperationId reserveOperationId,
                                String reservationId, List<SocialLine> socialLines, Money socialAmount,
                                Map<String, String> bankData, Instant reservedAt) {
}
