package org.socialledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.journal.JournalEntry;
import org.socialledger.projection.Scripts.Script;
import org.socialledger.projection.Scripts.Step;
import org.socialledger.support.PaymentView;

/**
 * The lifecycle paths of domain.md through both read models: after every event the payment view
 * and the journal's payment row show the state the aggregate is in, and at the end each row holds
 * the facts of the path (amounts, times, reasons, the confirmed cancel).
 */
class ProjectionLifecycleTest {

    private static Projections projections;

    @BeforeAll
    static void connect() {
        projections = new Projections();
    }

    @AfterAll
    static void disconnect() {
        projections.close();
    }

    @Test
    void reservedDebitedAndRefundedPaymentIsRefundedWithARowForTheRefund() {
        Script script = play(Scripts.reserveDebitRefund(PaymentStory.payment()));
        PaymentStory story = script.story();

        PaymentView view = view(script);
        assertThat(view.amounts().receiptTotal()).isEqualTo(Money.kopecks(25_980));
        assertThat(view.amounts().social()).isEqualTo(Money.kopecks(17_980));
        assertThat(view.amounts().remainder()).isEqualTo(Money.kopecks(8_000));
        assertThat(view.amounts().debited()).isEqualTo(Money.kopecks(17_980));
        assertThat(view.amounts().refunded()).isEqualTo(Money.kopecks(17_980));
        assertThat(view.cardLastFour()).isEqualTo("1234");
        assertThat(view.maskedPan().value()).isEqualTo("220012******1234");
        assertThat(view.spCode()).isEqualTo("SP-FOOD");
        assertThat(view.operations().refund()).isEqualTo(story.refundOp());
        assertThat(view.times().refunded()).isEqualTo(story.now());
        assertThat(view.times().lastUpdated()).isEqualTo(story.now());
        assertThat(view.times().debited()).isBefore(view.times().refundRequested());
        assertThat(view.hadLateOutcome()).isFalse();

        List<JournalEntry> rows = projections.journalQueries().ofPayment(story.paymentId);
        assertThat(rows).extracting(JournalEntry::kind).containsExactly("payment", "refund");
        JournalEntry payment = rows.get(0);
        assertThat(payment.id()).isEqualTo(story.reserveOp);
        assertThat(payment.cancel()).isNull();
        assertThat(payment.data().get("reservationId").asText()).startsWith("R-");
        assertThat(payment.data().get("debitOperationId").asText()).isEqualTo(story.debitOp.toString());
        assertThat(payment.data().get("debitedAmount").asLong()).isEqualTo(17_980);
        assertThat(payment.data().get("socialItems").get(0).get("amount").asLong()).isEqualTo(17_980);
        assertThat(payment.data().get("debitBankData").get("rrn").asText()).isEqualTo("000123456789");
        JournalEntry refund = rows.get(1);
        assertThat(refund.id()).isEqualTo(story.refundOp());
        assertThat(refund.status()).isEqualTo("REFUNDED");
        assertThat(refund.opDate()).isEqualTo(story.now());
        assertThat(refund.data().get("reserveOperationId").asText()).isEqualTo(story.reserveOp.toString());
        assertThat(refund.data().get("maskedPan").asText()).isEqualTo("220012******1234");
        assertThat(refund.data().get("amount").asLong()).isEqualTo(17_980);
        assertThat(refund.data().get("refundedAmount").asLong()).isEqualTo(17_980);
    }

    @Test
    void declinedReservationIsDeclinedWithTheServicesReason() {
        Script script = play(Scripts.reservationDeclined(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.reasons().reservationDeclined()).isEqualTo("NO_SOCIAL_ITEMS");
        assertThat(view.reasons().last()).isEqualTo("NO_SOCIAL_ITEMS");
        assertThat(view.amounts().social()).isNull();
        assertThat(view.times().reservationDeclined()).isEqualTo(script.story().now());
        JournalEntry payment = paymentRow(script);
        assertThat(payment.data().get("reserveDeclineReason").asText()).isEqualTo("NO_SOCIAL_ITEMS");
        assertThat(payment.cancel()).isNull();
    }

    @Test
    void reservationCancelledByTheTillCarriesTheConfirmedCancelInTheJournal() {
        Script script = play(Scripts.tillCancelsReservation(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.operations().cancel()).isEqualTo(script.story().cancelOp);
        assertThat(view.operations().cancelInitiator()).isEqualTo(CancelInitiator.TILL);
        assertThat(view.operations().cancelledFrom()).isEqualTo(PaymentState.RESERVED);
        assertThat(view.reasons().last()).isEqualTo("BUYER_DECLINED");
        assertThat(view.times().cancelled()).isEqualTo(script.story().now());
        assertThat(view.times().cancelGiveUp()).as("cancel_lifetime 0: retried forever").isNull();
        JournalEntry payment = paymentRow(script);
        assertThat(payment.cancel()).isEqualTo(script.story().cancelOp);
        assertThat(payment.data().get("cancelStatus").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void cancelOnlyAskedForLeavesTheJournalsCancelColumnEmpty() {
        PaymentStory story = PaymentStory.payment();
        projections.handle(story.requested());
        projections.handle(story.cancelRequested(CancelInitiator.TILL, PaymentState.REQUESTED, "BUYER_LEFT"));

        JournalEntry payment = projections.journalQueries().find(story.reserveOp).orElseThrow();
        assertThat(payment.cancel()).isNull();
        assertThat(payment.data().get("cancelOperationId").asText()).isEqualTo(story.cancelOp.toString());
        assertThat(payment.data().get("cancelStatus").asText()).isEqualTo("REQUESTED");
    }

    @Test
    void expiredReservationIsCancelledOnExpiry() {
        Script script = play(Scripts.reservationExpires(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.operations().cancelInitiator()).isEqualTo(CancelInitiator.EXPIRY);
        assertThat(view.times().cancelRequested()).isAfter(view.times().expires());
        assertThat(paymentRow(script).cancel()).isEqualTo(script.story().cancelOp);
    }

    @Test
    void declinedDebitIsCancelledAndNothingCountsAsDebited() {
        Script script = play(Scripts.debitDeclinedThenCancelled(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.reasons().debitDeclined()).isEqualTo("RESERVATION_EXPIRED");
        assertThat(view.reasons().last()).isEqualTo("debit declined: RESERVATION_EXPIRED");
        assertThat(view.operations().cancelInitiator()).isEqualTo(CancelInitiator.DEBIT_DECLINED);
        assertThat(view.amounts().debited()).isNull();
        assertThat(view.times().debitDeclined()).isEqualTo(view.times().cancelRequested());
        assertThat(paymentRow(script).data().get("debitDeclineReason").asText()).isEqualTo("RESERVATION_EXPIRED");
    }

    @Test
    void reversedDebitKeepsTheDebitedAmountAndIsCancelledFromDebited() {
        Script script = play(Scripts.debitReversed(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.amounts().debited()).isEqualTo(Money.kopecks(17_980));
        assertThat(view.operations().cancelledFrom()).isEqualTo(PaymentState.DEBITED);
        JournalEntry payment = paymentRow(script);
        assertThat(payment.cancel()).isEqualTo(script.story().cancelOp);
        assertThat(payment.data().get("cancelledFrom").asText()).isEqualTo("DEBITED");
    }

    @Test
    void lateReservationAfterCancelIsRecordedButNeverReopensThePayment() {
        Script script = play(Scripts.lateReservationAfterCancel(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.amounts().social()).isEqualTo(Money.kopecks(17_980));
        assertThat(view.times().reserved()).isAfter(view.times().cancelRequested());
        assertThat(view.hadLateOutcome()).isTrue();
        assertThat(view.reasons().last()).isEqualTo("BUYER_LEFT");
        assertThat(paymentRow(script).data().get("reservedLate").asBoolean()).isTrue();
    }

    @Test
    void lateDeclineAfterCancelIsRecordedWithoutBecomingTheLastReason() {
        Script script = play(Scripts.lateDeclineAfterCancel(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.reasons().reservationDeclined()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(view.reasons().last()).isEqualTo("BUYER_LEFT");
        assertThat(view.hadLateOutcome()).isTrue();
    }

    @Test
    void lateDebitAfterCancelStillRecordsTheDebitedAmount() {
        Script script = play(Scripts.lateDebitAfterCancel(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.amounts().debited()).isEqualTo(Money.kopecks(17_980));
        assertThat(view.times().debited()).isAfter(view.times().cancelRequested());
        assertThat(view.hadLateOutcome()).isTrue();
        assertThat(paymentRow(script).data().get("debitedLate").asBoolean()).isTrue();
    }

    @Test
    void cancelConfirmedAfterItExpiredStaysCancelExpiredButShowsTheMoneyReleased() {
        Script script = play(Scripts.cancelExpiredThenConfirmedLate(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.times().cancelGiveUp()).isEqualTo(view.times().cancelRequested().plusSeconds(7200));
        assertThat(view.times().cancelExpired()).isNotNull();
        assertThat(view.times().cancelled()).isAfter(view.times().cancelExpired());
        assertThat(view.hadLateOutcome()).isTrue();
        JournalEntry payment = paymentRow(script);
        assertThat(payment.status()).isEqualTo("CANCEL_EXPIRED");
        assertThat(payment.cancel()).isEqualTo(script.story().cancelOp);
        assertThat(payment.data().get("cancelStatus").asText()).isEqualTo("CANCELLED");
        assertThat(payment.data().get("cancelledLate").asBoolean()).isTrue();
    }

    @Test
    void declinedRefundReturnsToDebitedAndTheNextRefundGetsARowOfItsOwn() {
        Script script = play(Scripts.refundDeclinedThenRefunded(PaymentStory.payment()));

        PaymentView view = view(script);
        assertThat(view.reasons().refundDeclined()).isEqualTo("REFUND_WINDOW_CLOSED");
        assertThat(view.amounts().refunded()).isEqualTo(Money.kopecks(17_980));
        assertThat(view.operations().refundReceiptId()).isEqualTo("RR-2");
        List<JournalEntry> refunds = projections.journalQueries().ofPayment(script.story().paymentId).stream()
                .filter(row -> row.kind().equals("refund")).toList();
        assertThat(refunds).extracting(JournalEntry::status).containsExactly("DECLINED", "REFUNDED");
        assertThat(refunds).extracting(row -> row.data().get("refundReceiptId").asText())
                .containsExactly("RR-1", "RR-2");
        assertThat(refunds.get(0).data().get("declineReason").asText()).isEqualTo("REFUND_WINDOW_CLOSED");
    }

    @Test
    void eventOfAPaymentWhoseRequestWasNeverHandledFailsInsteadOfVanishing() {
        PaymentStory story = PaymentStory.payment();
        story.requested();

        // Thrown, so that Axon retries it or parks it in the dead-letter queue with its payment.
        assertThatThrownBy(() -> projections.handle(story.reserved()))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining(story.paymentId.toString());
    }

    /** Handles each event, checking both read models' state after it; returns the script. */
    private static Script play(Script script) {
        for (Step step : script.steps()) {
            projections.handle(step.event());
            String after = step.event().getClass().getSimpleName();
            assertThat(projections.paymentQueries().find(script.story().paymentId).orElseThrow().state())
                    .as("payment_view state after " + after).isEqualTo(step.stateAfter());
            assertThat(paymentRow(script).status())
                    .as("journal status after " + after).isEqualTo(step.stateAfter().name());
        }
        return script;
    }

    private static PaymentView view(Script script) {
        PaymentView view = projections.paymentQueries().find(script.story().paymentId).orElseThrow();
        assertThat(view.state()).isEqualTo(script.finalState());
        return view;
    }

    private static JournalEntry paymentRow(Script script) {
        JournalEntry row = projections.journalQueries().find(script.story().reserveOp).orElseThrow();
        JsonNode data = row.data();
        assertThat(data.get("kind").asText()).isEqualTo("payment");
        return row;
    }
}
