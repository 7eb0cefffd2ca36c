package org.socialledger.bank;

import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;

/** {@code POST /debit}: turn the reservation's hold into spending. */
public record DebitCall(OperationId operationId, OperationId reserveOperationId, Money amount) {
}
