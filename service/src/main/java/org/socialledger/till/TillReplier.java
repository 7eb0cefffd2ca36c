package org.socialledger.till;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.event.CancelExpired;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.DebitDeclined;
import org.socialledger.api.payment.event.PaymentCancelled;
import org.socialledger.api.payment.event.PaymentDebited;
import org.socialledger.api.payment.event.PaymentRefunded;
import org.socialledger.api.payment.event.PaymentReserved;
import org.socialledger.api.payment.event.RefundDeclined;
import org.socialledger.api.payment.event.ReservationDeclined;
import org.springframework.stereotype.Component;

/**
 * Answers waiting till requests from the outcome events, so any instance can answer, also after
 * a restart. It acts on the world (publishes to RabbitMQ), so it never runs in a replay.
 */
@Component
@ProcessingGroup(TillReplier.PROCESSING_GROUP)
class TillReplier {

    static final String PROCESSING_GROUP = "till-replies";

    private final TillRequestStore store;
    private final TillReplies replies;
    private final ReplyOutbox outbox;
    private final PaymentStatusReader status;
    private final Clock clock;

    TillReplier(TillRequestStore store, TillReplies replies, ReplyOutbox outbox, PaymentStatusReader status,
                Clock clock) {
        this.store = store;
        this.replies = replies;
        this.outbox = outbox;
        this.status = status;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentReserved event, @SequenceNumber long sequenceNumber) {
        if (!event.late()) {
            answer(event.paymentId(), "reserve", () -> replies.reserved(payment(event.paymentId(), sequenceNumber)));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(ReservationDeclined event) {
        if (!event.late()) {
            answer(event.paymentId(), "reserve", () -> replies.declined("reserve", event.paymentId(), event.reason()));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentDebited event, @SequenceNumber long sequenceNumber) {
        if (!event.late()) {
            answer(event.paymentId(), "debit", () -> replies.debited(payment(event.paymentId(), sequenceNumber)));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(DebitDeclined event) {
        if (!event.late()) {
            answer(event.paymentId(), "debit", () -> replies.declined("debit", event.paymentId(), event.reason()));
        }
    }

    /** A reserve or debit still waiting when the payment starts cancelling will not succeed. */
    @EventHandler
    @DisallowReplay
    void on(CancelRequested event) {
        String reason = "CANCELLED: " + event.reason();
        answer(event.paymentId(), "reserve", () -> replies.declined("reserve", event.paymentId(), reason));
        answer(event.paymentId(), "debit", () -> replies.declined("debit", event.paymentId(), reason));
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentCancelled event) {
        answer(event.paymentId(), "cancel", () -> replies.cancelled(event.paymentId()));
    }

    @EventHandler
    @DisallowReplay
    void on(CancelExpired event) {
        answer(event.paymentId(), "cancel",
                () -> replies.pending("cancel", event.paymentId(), PaymentState.CANCEL_EXPIRED));
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefunded event, @SequenceNumber long sequenceNumber) {
        answer(event.paymentId(), "refund", () -> replies.refunded(payment(event.paymentId(), sequenceNumber)));
    }

    @EventHandler
    @DisallowReplay
    void on(RefundDeclined event) {
        answer(event.paymentId(), "refund", () -> replies.declined("refund", event.paymentId(), event.reason()));
    }

    private void answer(PaymentId paymentId, String operation, Supplier<ObjectNode> reply) {
        String body = reply.get().toString();
        outbox.publishAnswered(store.answerWaitingMarkedSent(paymentId.value(), operation, body, clock.instant()),
                body);
    }

    /**
     * The payment as a success reply shows it (read only for those: a refusal names the payment
     * alone), at least as of the event answered.
     */
    private PaymentSnapshot payment(PaymentId paymentId, long sequenceNumber) {
        return status.readThrough(paymentId, sequenceNumber).orElseThrow();
    }
}
