package org.socialledger.till;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
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
    void on(PaymentReserved event) {
        if (!event.late()) {
            answer(event.paymentId(), "reserve", replies::reserved);
        }
    }

    @EventHandler
    @DisallowReplay
    void on(ReservationDeclined event) {
        if (!event.late()) {
            answer(event.paymentId(), "reserve", p -> replies.declined("reserve", p.paymentId(), event.reason()));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentDebited event) {
        if (!event.late()) {
            answer(event.paymentId(), "debit", replies::debited);
        }
    }

    @EventHandler
    @DisallowReplay
    void on(DebitDeclined event) {
        if (!event.late()) {
            answer(event.paymentId(), "debit", p -> replies.declined("debit", p.paymentId(), event.reason()));
        }
    }

    /** A reserve or debit still waiting when the payment starts cancelling will not succeed. */
    @EventHandler
    @DisallowReplay
    void on(CancelRequested event) {
        String reason = "CANCELLED: " + event.reason();
        answer(event.paymentId(), "reserve", p -> replies.declined("reserve", p.paymentId(), reason));
        answer(event.paymentId(), "debit", p -> replies.declined("debit", p.paymentId(), reason));
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentCancelled event) {
        answer(event.paymentId(), "cancel", p -> replies.cancelled(p.paymentId()));
    }

    @EventHandler
    @DisallowReplay
    void on(CancelExpired event) {
        answer(event.paymentId(), "cancel",
                p -> replies.pending("cancel", p.paymentId(), PaymentState.CANCEL_EXPIRED));
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefunded event) {
        answer(event.paymentId(), "refund", replies::refunded);
    }

    @EventHandler
    @DisallowReplay
    void on(RefundDeclined event) {
        answer(event.paymentId(), "refund", p -> replies.declined("refund", p.paymentId(), event.reason()));
    }

    private void answer(PaymentId paymentId, String operation,
                        Function<PaymentSnapshot, ObjectNode> reply) {
        List<TillRequestStore.Row> waiting = store.awaiting(paymentId.value(), operation);
        if (waiting.isEmpty()) {
            return;
        }
        PaymentSnapshot payment = status.read(paymentId).orElseThrow();
        String body = reply.apply(payment).toString();
        for (TillRequestStore.Row row : waiting) {
            store.answer(row.messageId(), body, clock.instant());
            outbox.send(row.messageId(), row.replyTo(), row.correlationId(), body);
        }
    }
}
