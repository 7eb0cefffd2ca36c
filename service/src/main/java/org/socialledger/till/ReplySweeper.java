package org.socialledger.till;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the till's timing promises from the database, so any instance can: a request not
 * answered by its deadline gets "pending", and a reply decided but not confirmed as published
 * (a crash in between) is published again.
 */
@Component
class ReplySweeper {

    private static final Logger log = LoggerFactory.getLogger(ReplySweeper.class);
    private static final int BATCH = 200;
    private static final Duration UNSENT_GRACE = Duration.ofSeconds(5);

    private final TillRequestStore store;
    private final TillReplies replies;
    private final ReplyOutbox outbox;
    private final PaymentStatusReader status;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReplySweeper(TillRequestStore store, TillReplies replies, ReplyOutbox outbox, PaymentStatusReader status,
                 TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.replies = replies;
        this.outbox = outbox;
        this.status = status;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ledger.till.sweep-interval:PT0.5S}")
    void sweep() {
        try {
            transactions.executeWithoutResult(tx -> answerOverdue());
            transactions.executeWithoutResult(tx -> resendUnsent());
        } catch (RuntimeException e) {
            log.warn("Reply sweep failed, will try again: {}", e.toString());
        }
    }

    private void answerOverdue() {
        Instant now = clock.instant();
        List<TillRequestStore.Row> overdue = store.overdue(now, BATCH);
        for (TillRequestStore.Row row : overdue) {
            PaymentId paymentId = new PaymentId(row.paymentId());
            PaymentState state = status.read(paymentId).map(PaymentSnapshot::state).orElse(null);
            String body = replies.pending(row.operation(), paymentId, state).toString();
            store.answer(row.messageId(), body, now);
            outbox.send(row.messageId(), row.replyTo(), row.correlationId(), body);
        }
    }

    private void resendUnsent() {
        Instant now = clock.instant();
        for (TillRequestStore.Row row : store.unsent(now.minus(UNSENT_GRACE), BATCH)) {
            outbox.send(row.messageId(), row.replyTo(), row.correlationId(), row.reply());
        }
    }
}
