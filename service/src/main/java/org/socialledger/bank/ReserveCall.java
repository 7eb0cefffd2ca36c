package org.socialledger.bank;

import java.util.List;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptLine;

/** {@code POST /reserve}: the whole receipt; the service decides which lines are social. */
public record ReserveCall(OperationId operationId, ReceiptId receiptId, Card card, List<ReceiptLine> items,
                          Money total, long ttlSeconds) {
}
