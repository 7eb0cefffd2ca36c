package org.socialledger.bank;

import java.util.List;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.SocialLine;

/** {@code POST /refund}: return a debited reservation in full. */
public record RefundCall(OperationId operationId, OperationId reserveOperationId, String refundReceiptId,
                         Money amount, List<SocialLine> items) {
}
