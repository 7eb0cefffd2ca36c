package org.socialledger.projection;

import static org.socialledger.api.payment.PaymentState.CANCELLING;
import static org.socialledger.api.payment.PaymentState.CANCELLED;
import static org.socialledger.api.payment.PaymentState.CANCEL_EXPIRED;
import static org.socialledger.api.payment.PaymentState.CONFIRMED;
import static org.socialledger.api.payment.PaymentState.DEBITED;
import static org.socialledger.api.payment.PaymentState.DECLINED;
import static org.socialledger.api.payment.PaymentState.REFUNDED;
import static org.socialledger.api.payment.PaymentState.REFUNDING;
import static org.socialledger.api.payment.PaymentState.REQUESTED;
import static org.socialledger.api.payment.PaymentState.RESERVED;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.event.DebitDeclined;
import org.socialledger.api.payment.event.PaymentEvent;

/**
 * The lifecycle paths of domain.md as event scripts: each event with the state the aggregate is
 * in after it. The states are read off SocialPayment's event sourcing handlers.
 */
public final class Scripts {

    /** One event and the payment's state after it. */
    public record Step(PaymentEvent event, PaymentState stateAfter) {
    }

    public record Script(String name, PaymentStory story, List<Step> steps) {

        public List<PaymentEvent> events() {
            return steps.stream().map(Step::event).toList();
        }

        public PaymentState finalState() {
            return steps.get(steps.size() - 1).stateAfter();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every path, each over a story made by {@code stories} (so callers choose store, time, card). */
    public static List<Script> all(Function<String, PaymentStory> stories) {
        return List.of(
                reserveDebitRefund(stories.apply("reserve, debit, refund")),
                reservationDeclined(stories.apply("reservation declined")),
                tillCancelsReservation(stories.apply("till cancels the reservation")),
                reservationExpires(stories.apply("reservation expires")),
                debitDeclinedThenCancelled(stories.apply("debit declined, then cancelled")),
                debitReversed(stories.apply("debit reversed")),
                lateReservationAfterCancel(stories.apply("late reservation after cancel")),
                lateDeclineAfterCancel(stories.apply("late decline after cancel")),
                lateDebitAfterCancel(stories.apply("late debit after cancel")),
                cancelExpiredThenConfirmedLate(stories.apply("cancel expired, then confirmed late")),
                refundDeclinedThenRefunded(stories.apply("refund declined, then refunded")));
    }

    public static Script reserveDebitRefund(PaymentStory s) {
        return new Script("reserve, debit, refund", s, List.of(
                new Step(s.requested(), REQUESTED),
                new Step(s.reserved(), RESERVED),
                new Step(s.confirmed(), CONFIRMED),
                new Step(s.debited(), DEBITED),
                new Step(s.after(Duration.ofDays(1)).refundRequested("RR-" + s.receipt()), REFUNDING),
                new Step(s.refunded(), REFUNDED)));
    }

    public static Script reservationDeclined(PaymentStory s) {
        return new Script("reservation declined", s, List.of(
                new Step(s.requested(), REQUESTED),
                new Step(s.declined("NO_SOCIAL_ITEMS"), DECLINED)));
    }

    public static Script tillCancelsReservation(PaymentStory s) {
        return new Script("till cancels the reservation", s, List.of(
                new Step(s.requested(), REQUESTED),
                new Step(s.reserved(), RESERVED),
                new Step(s.cancelRequested(CancelInitiator.TILL, RESERVED, "BUYER_DECLINED"), CANCELLING),
                new Step(s.cancelled(), CANCELLED)));
    }

    public static Script reservationExpires(PaymentStory s) {
        return new Script("reservation expires", s, List.of(
                new Step(s.requested(), REQUESTED),
                new Step(s.reserved(), RESERVED),
                new Step(s.after(Duration.ofMinutes(6)).cancelRequested(CancelInitiator.EXPIRY, RESERVED,
                        "qrTtl passed without a debit"), CANCELLING),
                new Step(s.cancelled(), CANCELLED)));
    }

    public static Script debitDeclinedThenCancelled(PaymentStory s) {
        Step requested = new Step(s.requested(), REQUESTED);
        Step reserved = new Step(s.reserved(), RESERVED);
        Step confirmed = new Step(s.confirmed(), CONFIRMED);
        DebitDeclined declined = s.debitDeclined("RESERVATION_EXPIRED");
        return new Script("debit declined, then cancelled", s, List.of(requested, reserved, confirmed,
                new Step(declined, CONFIRMED),
                new Step(s.cancelRequestedAfter(declined), CANCELLING),
                new Step(s.cancelled(), CANCELLED)));
    }

    public static Script debitReversed(PaymentStory s) {
        return new Script("debit reversed", s, List.of(
                new Step(s.requested(), REQUESTED),
                new Step(s.reserved(), RESERVED),
                new Step(s.confirmed(), CONFIRMED),
                new Step(s.debited(), DEBITED),
                new Step(s.cancelRequested(CancelInitiator.TILL, DEBITED, "RECEIPT_VOIDED"), CANCELLING),
                new Step(s.cancelled(), CANCELLED)));
    }

    public static Script lateReservationAfterCancel(PaymentStory s) {
        return new Script("late reservation after cancel", s, List.of(
                new Step(s.requested(), REQUESTED),
                new Step(s.cancelRequested(CancelInitiator.TILL, REQUESTED, "BUYER_LEFT"), CANCELLING),
                new Step(s.reservedLate(), CANCELLING),
                new Step(s.cancelled(), CANCELLED)));
    }

    public static Script lateDeclineAfterCancel(PaymentStory s) {
        return new Script("late decline after cancel", s, List.of(
                new Step(s.requested(), REQUESTED),
                new Step(s.cancelRequested(CancelInitiator.TILL, REQUESTED, "BUYER_LEFT"), CANCELLING),
                new Step(s.declinedLate("INSUFFICIENT_FUNDS"), CANCELLING),
                new Step(s.cancelled(), CANCELLED)));
    }

    public static Script lateDebitAfterCancel(PaymentStory s) {
        return new Script("late debit after cancel", s, List.of(
                new Step(s.requested(), REQUESTED),
                new Step(s.reserved(), RESERVED),
                new Step(s.confirmed(), CONFIRMED),
                new Step(s.cancelRequested(CancelInitiator.TILL, CONFIRMED, "BUYER_DECLINED"), CANCELLING),
                new Step(s.debitedLate(), CANCELLING),
                new Step(s.cancelled(), CANCELLED)));
    }

    /** Needs a story whose cancel_lifetime is not 0 (else a cancel never expires). */
    public static Script cancelExpiredThenConfirmedLate(PaymentStory s) {
        PaymentStory story = s.withSettings(2, "SP-FOOD");
        return new Script("cancel expired, then confirmed late", story, List.of(
                new Step(story.requested(), REQUESTED),
                new Step(story.reserved(), RESERVED),
                new Step(story.cancelRequested(CancelInitiator.TILL, RESERVED, "BUYER_DECLINED"), CANCELLING),
                new Step(story.after(Duration.ofHours(2)).cancelExpired(), CANCEL_EXPIRED),
                new Step(story.after(Duration.ofHours(1)).cancelledLate(), CANCEL_EXPIRED)));
    }

    public static Script refundDeclinedThenRefunded(PaymentStory s) {
        return new Script("refund declined, then refunded", s, List.of(
                new Step(s.requested(), REQUESTED),
                new Step(s.reserved(), RESERVED),
                new Step(s.confirmed(), CONFIRMED),
                new Step(s.debited(), DEBITED),
                new Step(s.refundRequested("RR-1"), REFUNDING),
                new Step(s.refundDeclined("REFUND_WINDOW_CLOSED"), DEBITED),
                new Step(s.refundRequested("RR-2"), REFUNDING),
                new Step(s.refunded(), REFUNDED)));
    }

    private Scripts() {
    }
}
