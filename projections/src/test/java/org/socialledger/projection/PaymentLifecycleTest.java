package org.socialledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.projection.Scripts.Script;
import org.socialledger.projection.Scripts.Step;

/** The readers' copy of the aggregate's state rule, event by event, without a database. */
class PaymentLifecycleTest {

    @Test
    void everyLifecyclePathPassesThroughTheAggregatesStates() {
        for (Script script : Scripts.all(name -> PaymentStory.payment())) {
            PaymentState state = null;
            for (Step step : script.steps()) {
                state = PaymentLifecycle.stateAfter(step.event()).orElse(state);
                assertThat(state).as(script + ": after " + step.event().getClass().getSimpleName())
                        .isEqualTo(step.stateAfter());
            }
        }
    }

    @Test
    void lateOutcomesLeaveTheStateAlone() {
        PaymentStory story = PaymentStory.payment();
        story.requested();
        story.cancelRequested(CancelInitiator.TILL, PaymentState.REQUESTED, "BUYER_LEFT");

        assertThat(PaymentLifecycle.stateAfter(story.reservedLate())).isEmpty();
        assertThat(PaymentLifecycle.stateAfter(story.declinedLate("NO_FUNDS"))).isEmpty();
        assertThat(PaymentLifecycle.stateAfter(story.debitedLate())).isEmpty();
        assertThat(PaymentLifecycle.stateAfter(story.cancelledLate())).isEmpty();
        assertThat(PaymentLifecycle.isLateOutcome(story.cancelledLate())).isTrue();
    }

    @Test
    void declinedDebitLeavesTheStateToTheCancelThatFollowsIt() {
        PaymentStory story = PaymentStory.payment();

        assertThat(PaymentLifecycle.stateAfter(story.debitDeclined("RESERVATION_EXPIRED"))).isEmpty();
        assertThat(PaymentLifecycle.isLateOutcome(story.debitDeclined("RESERVATION_EXPIRED"))).isFalse();
    }

    @Test
    void declinedRefundReturnsThePaymentToDebited() {
        PaymentStory story = PaymentStory.payment();

        assertThat(PaymentLifecycle.stateAfter(story.refundDeclined("NOT_DEBITED"))).contains(PaymentState.DEBITED);
    }
}
