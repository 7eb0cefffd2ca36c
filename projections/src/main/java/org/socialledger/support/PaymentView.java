package org.socialledger.support;

import java.time.Instant;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;

/**
 * One payment as support sees it (a row of {@code payment_view}). Whatever is not known yet is
 * null: an amount before the service named it, a time before the step happened.
 *
 * @param cardLastFour   null when the pin pad hid the last digits too
 * @param hadLateOutcome an answer of the service came after the payment had started cancelling
 */
public record PaymentView(PaymentId paymentId, StoreId storeId, TerminalId terminalId, ReceiptId receiptId,
                          MaskedPan maskedPan, String cardLastFour, PaymentState state, int merchantConfigId,
                          String spCode, Amounts amounts, Operations operations, Reasons reasons, Times times,
                          boolean hadLateOutcome) {

    /**
     * @param social   reserved by the service (and what a debit is for)
     * @param remainder what the buyer pays by other means: receipt total − social amount
     */
    public record Amounts(Money receiptTotal, Money social, Money remainder, Money debited, Money refunded) {
    }

    /**
     * The operations sent to the service, and what it called the reservation.
     *
     * @param cancelledFrom the state the cancel was asked in; DEBITED means a reversal
     */
    public record Operations(OperationId reserve, String reservationId, OperationId debit, OperationId cancel,
                             CancelInitiator cancelInitiator, PaymentState cancelledFrom, OperationId refund,
                             String refundReceiptId) {
    }

    /**
     * @param last why the payment is where it is: the latest decline or cancel reason
     */
    public record Reasons(String last, String reservationDeclined, String debitDeclined, String refundDeclined) {
    }

    /** When each step happened, as its event says; {@code cancelGiveUp} is null for a cancel retried forever. */
    public record Times(Instant requested, Instant expires, Instant reserved, Instant reservationDeclined,
                        Instant confirmed, Instant debited, Instant debitDeclined, Instant cancelRequested,
                        Instant cancelGiveUp, Instant cancelled, Instant cancelExpired, Instant refundRequested,
                        Instant refunded, Instant refundDeclined, Instant lastUpdated) {
    }
}
