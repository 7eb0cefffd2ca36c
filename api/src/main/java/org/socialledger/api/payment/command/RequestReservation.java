package org.socialledger.api.payment.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReplyAddress;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;

/** A till asks to reserve social funds for a whole receipt; starts a payment. */
public record RequestReservation(@TargetAggregateIdentifier PaymentId paymentId, OperationId reserveOperationId,
                                 StoreId storeId, TerminalId terminalId, Receipt receipt, Card card,
                                 MerchantSettings settings, ReplyAddress replyTo, Instant requestedAt) {
}
