package org.socialledger.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.CardHash;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.Quantity;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.ReplyAddress;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.api.payment.command.RequestReservation;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.PaymentConfirmed;
import org.socialledger.api.payment.event.PaymentDebited;
import org.socialledger.api.payment.event.PaymentReserved;
import org.socialledger.api.payment.event.RefundRequested;
import org.socialledger.api.payment.event.ReservationRequested;

/**
 * The payment of the till protocol's example receipt: milk (social, 179.80) and batteries (not
 * social, 80.00), and the events of its story, for given-when-then tests.
 */
final class Payments {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    static final PaymentId PAYMENT = PaymentId.of("0f8fad5b-d9cb-469f-a165-70867728950e");
    static final OperationId RESERVE_OP = OperationId.of("6a1f8c7e-0000-4000-8000-000000000001");
    static final OperationId DEBIT_OP = OperationId.of("6a1f8c7e-0000-4000-8000-000000000002");
    static final OperationId CANCEL_OP = OperationId.of("6a1f8c7e-0000-4000-8000-000000000003");
    static final OperationId REFUND_OP = OperationId.of("6a1f8c7e-0000-4000-8000-000000000004");
    static final StoreId STORE = new StoreId("S001");
    static final TerminalId TERMINAL = new TerminalId("S001-POS-03");
    static final ReplyAddress TILL = new ReplyAddress("till-replies", "corr-1");
    static final Money MILK = Money.kopecks(17_980);
    static final Money BATTERIES = Money.kopecks(8_000);
    static final Money TOTAL = Money.kopecks(25_980);
    static final List<SocialLine> SOCIAL_LINES = List.of(new SocialLine(1, MILK));
    static final Map<String, String> BANK = Map.of("reservationId", "R-1");
    static final Receipt RECEIPT = new Receipt(new ReceiptId("S001-03-000123"), TOTAL, List.of(
            new ReceiptLine(1, "4601234567890", "Молоко 3,2% 1 л", Money.kopecks(8_990), Quantity.of("2"), MILK,
                    "dairy"),
            new ReceiptLine(2, "4600000000017", "Батарейки AA", BATTERIES, Quantity.of("1"), BATTERIES,
                    "household")));
    static final Card CARD = new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"),
            new MaskedPan("220012******1234"));

    /** qrTtl 5 minutes, interval 5 s, timeout 30 s, cancel_lifetime 0 (forever). */
    static final MerchantSettings FOREVER = settings(0);
    /** As FOREVER, but a cancel gives up after 2 hours. */
    static final MerchantSettings TWO_HOURS = settings(2);

    static final Instant EXPIRES = T0.plus(Duration.ofMinutes(5));

    private Payments() {
    }

    static MerchantSettings settings(int cancelLifetimeHours) {
        return new MerchantSettings(1, "http://127.0.0.1:9090", 5, 5, 30, cancelLifetimeHours, "E1", "M1",
                "SP-FOOD", "T0003");
    }

    static RequestReservation reserve() {
        return reserve(FOREVER);
    }

    static RequestReservation reserve(MerchantSettings settings) {
        return new RequestReservation(PAYMENT, RESERVE_OP, STORE, TERMINAL, RECEIPT, CARD, settings, TILL, T0);
    }

    static ReservationRequested requested() {
        return requested(FOREVER);
    }

    static ReservationRequested requested(MerchantSettings settings) {
        return new ReservationRequested(PAYMENT, RESERVE_OP, STORE, TERMINAL, RECEIPT, CARD, settings, TILL, T0,
                EXPIRES);
    }

    static PaymentReserved reserved() {
        return new PaymentReserved(PAYMENT, RESERVE_OP, "R-1", SOCIAL_LINES, MILK, BATTERIES, BANK, at(1), false);
    }

    static PaymentConfirmed confirmed() {
        return new PaymentConfirmed(PAYMENT, DEBIT_OP, MILK, FOREVER, TILL, at(60));
    }

    static PaymentDebited debited() {
        return new PaymentDebited(PAYMENT, DEBIT_OP, MILK, Map.of(), at(61), false);
    }

    static CancelRequested cancelRequested(PaymentState from) {
        return new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.TILL, "BUYER_DECLINED", from, FOREVER, TILL,
                at(90), null);
    }

    static RefundRequested refundRequested() {
        return new RefundRequested(PAYMENT, REFUND_OP, RESERVE_OP, "S001-03-000140", SOCIAL_LINES, MILK, FOREVER, TILL,
                at(3600));
    }

    /** {@code seconds} after T0. */
    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }
}
