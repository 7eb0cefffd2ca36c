package org.socialledger.till;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.till.*}: the queue tills send to, where unreadable messages go, and how long a
 * till waits for an answer before it is told "pending" (inside the till's own 310 s timeout).
 */
@ConfigurationProperties("ledger.till")
public record TillSettings(String queue, String deadLetterQueue, Duration replyDeadline) {

    public TillSettings {
        if (queue == null || queue.isBlank()) {
            queue = "soc_processing";
        }
        if (deadLetterQueue == null || deadLetterQueue.isBlank()) {
            deadLetterQueue = queue + ".dlq";
        }
        if (replyDeadline == null) {
            replyDeadline = Duration.ofSeconds(300);
        }
    }
}
