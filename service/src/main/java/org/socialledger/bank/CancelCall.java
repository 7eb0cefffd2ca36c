package org.socialledger.bank;

import org.socialledger.api.payment.OperationId;

/** {@code POST /cancel}: release a held reservation, or reverse a debited one. */
public record CancelCall(OperationId operationId, OperationId reserveOperationId, String reason) {
}
