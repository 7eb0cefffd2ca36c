package org.socialledger.api.payment.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/** cancel_lifetime passed without the service confirming the cancel: stop and call a person. */
public record ExpireCancel(@TargetAggregateIdentifier PaymentId paymentId, OperationId cancelOperationId,
                           Instant expiredAt) {
}
