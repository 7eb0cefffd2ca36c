package org.socialledger.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.socialledger.api.payment.event.CancelExpired;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.DebitDeclined;
import org.socialledger.api.payment.event.PaymentCancelled;
import org.socialledger.api.payment.event.PaymentConfirmed;
import org.socialledger.api.payment.event.PaymentDebited;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.api.payment.event.PaymentRefunded;
import org.socialledger.api.payment.event.PaymentReserved;
import org.socialledger.api.payment.event.RefundDeclined;
import org.socialledger.api.payment.event.RefundRequested;
import org.socialledger.api.payment.event.ReservationDeclined;
import org.socialledger.api.payment.event.ReservationRequested;

/**
 * The events of one payment's story, written as the aggregate would apply them: a receipt with
 * one social line (milk) and one other (batteries), a masked card, a clock that moves 10 s per
 * event unless told otherwise. Ids are random, so stories never collide in the shared database.
 * The {@code in...}/{@code with...} methods give a new story and belong before its first event.
 */
public final class PaymentStory {

    public static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final ReplyAddress TILL = new ReplyAddress("till-replies", "corr-1");
    private static final Duration STEP = Duration.ofSeconds(10);

    public final PaymentId paymentId = PaymentId.random();
    public final OperationId reserveOp = OperationId.random();
    public final OperationId debitOp = OperationId.random();
    public final OperationId cancelOp = OperationId.random();
    private OperationId refundOp = OperationId.random();

    private final StoreId store;
    private final TerminalId terminal;
    private final ReceiptId receipt;
    private final MaskedPan maskedPan;
    private final Money social;
    private final Money other;
    private final MerchantSettings settings;
    private final List<PaymentEvent> events = new ArrayList<>();
    private Instant clock;

    private PaymentStory(StoreId store, TerminalId terminal, ReceiptId receipt, MaskedPan maskedPan, Money social,
                         Money other, MerchantSettings settings, Instant start) {
        this.store = store;
        this.terminal = terminal;
        this.receipt = receipt;
        this.maskedPan = maskedPan;
        this.social = social;
        this.other = other;
        this.settings = settings;
        this.clock = start;
    }

    /** Store S001, till S001-POS-03, milk 179.80 (social) and batteries 80.00, card *1234, at T0. */
    public static PaymentStory payment() {
        return new PaymentStory(new StoreId("S001"), new TerminalId("S001-POS-03"),
                new ReceiptId("R-" + UUID.randomUUID().toString().substring(0, 8)),
                new MaskedPan("220012******1234"), Money.kopecks(17_980), Money.kopecks(8_000), settings(0, "SP-FOOD"),
                T0);
    }

    public PaymentStory inStore(String storeId, String terminalId) {
        return new PaymentStory(new StoreId(storeId), new TerminalId(terminalId), receipt, maskedPan, social, other,
                settings, clock);
    }

    public PaymentStory withReceipt(String receiptId) {
        return new PaymentStory(store, terminal, new ReceiptId(receiptId), maskedPan, social, other, settings, clock);
    }

    public PaymentStory withCard(String masked) {
        return new PaymentStory(store, terminal, receipt, new MaskedPan(masked), social, other, settings, clock);
    }

    public PaymentStory withSocialAmount(long kopecks) {
        return new PaymentStory(store, terminal, receipt, maskedPan, Money.kopecks(kopecks), other, settings, clock);
    }

    /** cancel_lifetime in hours (0: forever) and the programme code. */
    public PaymentStory withSettings(int cancelLifetimeHours, String spCode) {
        return new PaymentStory(store, terminal, receipt, maskedPan, social, other,
                settings(cancelLifetimeHours, spCode), clock);
    }

    public PaymentStory startingAt(Instant start) {
        return new PaymentStory(store, terminal, receipt, maskedPan, social, other, settings, start);
    }

    private static MerchantSettings settings(int cancelLifetimeHours, String spCode) {
        return new MerchantSettings(1, "http://127.0.0.1:9090", 5, 5, 30, cancelLifetimeHours, "E1", "M1", spCode,
                "T0003");
    }

    /** Moves the story's clock on before the next event (which then comes {@code gap} later, not 10 s). */
    public PaymentStory after(Duration gap) {
        clock = clock.plus(gap).minus(STEP);
        return this;
    }

    public List<PaymentEvent> events() {
        return List.copyOf(events);
    }

    public Money total() {
        return social.plus(other);
    }

    public ReceiptId receipt() {
        return receipt;
    }

    public OperationId refundOp() {
        return refundOp;
    }

    /** The time of the latest event. */
    public Instant now() {
        return clock;
    }

    // --- the events, each appended to the story --------------------------------------------

    public ReservationRequested requested() {
        Receipt receiptLines = new Receipt(receipt, total(), List.of(
                new ReceiptLine(1, "4601234567890", "Milk 3.2% 1 l", social, Quantity.of("1"), social, "dairy"),
                new ReceiptLine(2, "4600000000017", "Batteries AA", other, Quantity.of("1"), other, "household")));
        Card card = new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"), maskedPan);
        Instant at = clock;
        return add(new ReservationRequested(paymentId, reserveOp, store, terminal, receiptLines, card, settings, TILL,
                at, at.plus(settings.qrTtl())));
    }

    public PaymentReserved reserved() {
        return reserved(false);
    }

    public PaymentReserved reservedLate() {
        return reserved(true);
    }

    private PaymentReserved reserved(boolean late) {
        return add(new PaymentReserved(paymentId, reserveOp, "R-" + paymentId.value().toString().substring(0, 6),
                List.of(new SocialLine(1, social)), social, other, Map.of("bankRef", "B-1"), tick(), late));
    }

    public ReservationDeclined declined(String reason) {
        return add(new ReservationDeclined(paymentId, reserveOp, reason, tick(), false));
    }

    public ReservationDeclined declinedLate(String reason) {
        return add(new ReservationDeclined(paymentId, reserveOp, reason, tick(), true));
    }

    public PaymentConfirmed confirmed() {
        return add(new PaymentConfirmed(paymentId, debitOp, social, settings, TILL, tick()));
    }

    public PaymentDebited debited() {
        return add(new PaymentDebited(paymentId, debitOp, social, Map.of("rrn", "000123456789"), tick(), false));
    }

    public PaymentDebited debitedLate() {
        return add(new PaymentDebited(paymentId, debitOp, social, Map.of(), tick(), true));
    }

    public DebitDeclined debitDeclined(String reason) {
        return add(new DebitDeclined(paymentId, debitOp, reason, tick(), false));
    }

    /** What the aggregate applies right after a refused debit, at the same time: its cancel. */
    public CancelRequested cancelRequestedAfter(DebitDeclined declined) {
        return add(new CancelRequested(paymentId, cancelOp, reserveOp, CancelInitiator.DEBIT_DECLINED,
                "debit declined: " + declined.reason(), PaymentState.CONFIRMED, settings, null, declined.declinedAt(),
                giveUpAt(declined.declinedAt())));
    }

    public CancelRequested cancelRequested(CancelInitiator initiator, PaymentState from, String reason) {
        Instant at = tick();
        return add(new CancelRequested(paymentId, cancelOp, reserveOp, initiator, reason, from, settings,
                initiator == CancelInitiator.TILL ? TILL : null, at, giveUpAt(at)));
    }

    public PaymentCancelled cancelled() {
        return add(new PaymentCancelled(paymentId, cancelOp, Map.of("cancelRef", "C-1"), tick(), false));
    }

    public PaymentCancelled cancelledLate() {
        return add(new PaymentCancelled(paymentId, cancelOp, Map.of(), tick(), true));
    }

    public CancelExpired cancelExpired() {
        return add(new CancelExpired(paymentId, cancelOp, tick()));
    }

    /** Each refund asked for is a new operation. */
    public RefundRequested refundRequested(String refundReceiptId) {
        refundOp = OperationId.random();
        return add(new RefundRequested(paymentId, refundOp, reserveOp, refundReceiptId, List.of(new SocialLine(1, social)),
                social, settings, TILL, tick()));
    }

    public PaymentRefunded refunded() {
        return add(new PaymentRefunded(paymentId, refundOp, social, Map.of("refundRef", "F-1"), tick()));
    }

    public RefundDeclined refundDeclined(String reason) {
        return add(new RefundDeclined(paymentId, refundOp, reason, tick()));
    }

    private Instant giveUpAt(Instant cancelRequestedAt) {
        return settings.cancelsForever() ? null : cancelRequestedAt.plus(settings.cancelLifetime());
    }

    private Instant tick() {
        clock = clock.plus(STEP);
        return clock;
    }

    private <E extends PaymentEvent> E add(E event) {
        events.add(event);
        return event;
    }
}
