package org.socialledger.till;

import java.util.List;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;

/** A validated till request, one record per operation of pos-protocol.md. */
public sealed interface TillRequest {

    /** The operation name as the till wrote it, echoed on the reply. */
    String operation();

    record Reserve(StoreId storeId, TerminalId terminalId, Receipt receipt, Card card) implements TillRequest {
        @Override
        public String operation() {
            return "reserve";
        }
    }

    record Debit(PaymentId paymentId, Money amount) implements TillRequest {
        @Override
        public String operation() {
            return "debit";
        }
    }

    record Cancel(PaymentId paymentId, String reason) implements TillRequest {
        @Override
        public String operation() {
            return "cancel";
        }
    }

    record Refund(PaymentId paymentId, String refundReceiptId, List<SocialLine> items) implements TillRequest {
        @Override
        public String operation() {
            return "refund";
        }
    }

    /** Either {@code paymentId}, or {@code storeId} + {@code receiptId}. */
    record Status(PaymentId paymentId, StoreId storeId, ReceiptId receiptId) implements TillRequest {
        @Override
        public String operation() {
            return "status";
        }
    }
}
