package org.socialledger.till;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends a reply that is recorded in {@code till_request}: after the recording transaction
 * commits (a till never sees an answer the ledger could still roll back), then marks it sent. A
 * crash in between leaves it unsent, and {@link ReplySweeper} sends it again.
 */
@Component
class ReplyOutbox {

    private static final Logger log = LoggerFactory.getLogger(ReplyOutbox.class);

    private final ReplyPublisher publisher;
    private final TillRequestStore store;
    private final Clock clock;

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

    private void sendNow(String messageId, String replyTo, String correlationId, String body) {
        try {
            publisher.publish(replyTo, correlationId, body);
            store.markSent(messageId, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Reply to till request {} not sent yet, the sweeper will retry: {}", messageId, e.toString());
        }
    }
}
