package org.socialledger.eventstore;

import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command again, at once, when it failed only because the payment had newer events than it
 * knew: its append met the unique (payment, sequence) key, or it decided on a remembered history
 * that was not the latest ({@link RememberedLoads}). Its unit of work rolled back whole (events,
 * the till request row, the receipt claim), and the retry reads the payment from the table, so it
 * is the command as if it had come a moment later. Any other failure is the caller's, as before.
 *
 * <p>Not inside another unit of work: that one's transaction is spoiled by the failed insert.
 */
final class StaleHistoryRetry implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(StaleHistoryRetry.class);

    private final int attempts;

    StaleHistoryRetry(int attempts) {
        this.attempts = attempts;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (failures.size() >= attempts || CurrentUnitOfWork.isStarted() || !stale(lastFailure)) {
            return false;
        }
        log.debug("Running {} again on the payment's latest history (attempt {}): {}",
                commandMessage.getPayloadType().getSimpleName(), failures.size() + 1, lastFailure.getMessage());
        dispatchTask.run();
        return true;
    }

    private static boolean stale(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StaleHistoryException || cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
