package org.socialledger.till;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends a reply that is recorded in {@code till_request}, in one of two ways.
 *
 * <p>{@link #send}: after the recording transaction commits (a till never sees an answer the
 * ledger could still roll back), then marks it sent. A crash in between leaves it unsent, and
 * {@link ReplySweeper} sends it again. For the answers the till request handler and the sweeper
 * decide themselves.
 *
 * <p>{@link #publishAnswered}: before the commit, for the answers {@link TillReplier} reads off
 * committed events, recorded already marked sent. Such an answer cannot be taken back: the events
 * that decide it are stored, and only the record of the answer is still in the transaction. If
 * that transaction rolls back after the publication, the event is handled again and the till gets
 * the same answer twice, which it tolerates (as it does a resend after a lost mark); if the
 * publication fails, the mark is taken back in the same transaction and the sweeper resends. So
 * the common answer costs one write of its row, not two, and no transaction of its own for the mark.
 *
 * <p>The marks are written together, every {@code ledger.till.sent-marks-interval} (50 ms): one
 * statement and one transaction for all the replies confirmed meanwhile, where each reply took
 * its own (two of a payment's thirteen transactions). A mark only spares the sweeper a resend, so
 * a mark lost in a crash costs a repeated reply, which the till already tolerates; the sweeper
 * waits five seconds, a hundred intervals, before it resends.
 */
@Component
class ReplyOutbox {

    private static final Logger log = LoggerFactory.getLogger(ReplyOutbox.class);
    /** Replies per statement; more wait for the next one. */
    private static final int MARKS_PER_UPDATE = 1_000;

    private final ReplyPublisher publisher;
    private final TillRequestStore store;
    private final Clock clock;
    private final ConcurrentLinkedQueue<String> published = new ConcurrentLinkedQueue<>();

    ReplyOutbox(ReplyPublisher publisher, TillRequestStore store, Clock clock) {
        this.publisher = publisher;
        this.store = store;
        this.clock = clock;
    }

    void send(String messageId, String replyTo, String correlationId, String body) {
        if (replyTo == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sendNow(messageId, replyTo, correlationId, body);
                }
            });
        } else {
            sendNow(messageId, replyTo, correlationId, body);
        }
    }

    /**
     * Publishes {@code body} to each answered request that has somewhere to go, now, inside the
     * caller's transaction, which recorded them marked sent; the ones that fail are marked unsent
     * again in that transaction.
     */
    void publishAnswered(List<TillRequestStore.Answered> answered, String body) {
        List<String> unpublished = new ArrayList<>();
        for (TillRequestStore.Answered request : answered) {
            if (request.replyTo() != null
                    && !publish(request.messageId(), request.replyTo(), request.correlationId(), body)) {
                unpublished.add(request.messageId());
            }
        }
        if (!unpublished.isEmpty()) {
            store.markUnsent(unpublished);
        }
    }

    private void sendNow(String messageId, String replyTo, String correlationId, String body) {
        if (publish(messageId, replyTo, correlationId, body)) {
            published.add(messageId);
        }
    }

    /** @return false when the reply could not be published; the sweeper will send it again */
    private boolean publish(String messageId, String replyTo, String correlationId, String body) {
        try {
            publisher.publish(replyTo, correlationId, body);
            return true;
        } catch (RuntimeException e) {
            log.warn("Reply to till request {} not sent yet, the sweeper will retry: {}", messageId, e.toString());
            return false;
        }
    }

    /** Marks the replies published since the last call as sent. */
    @Scheduled(fixedDelayString = "${ledger.till.sent-marks-interval:PT0.05S}")
    @PreDestroy
    void markPublished() {
        List<String> marks = new ArrayList<>();
        for (String messageId = published.poll(); messageId != null; messageId = published.poll()) {
            marks.add(messageId);
            if (marks.size() == MARKS_PER_UPDATE) {
                mark(marks);
                marks = new ArrayList<>();
            }
        }
        if (!marks.isEmpty()) {
            mark(marks);
        }
    }

    private void mark(List<String> messageIds) {
        try {
            store.markSent(messageIds, clock.instant());
        } catch (RuntimeException e) {
            log.warn("{} replies published but not marked sent; the sweeper will send them again: {}",
                    messageIds.size(), e.toString());
        }
    }
}
