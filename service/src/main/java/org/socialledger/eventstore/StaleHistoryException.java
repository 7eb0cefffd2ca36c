package org.socialledger.eventstore;

import org.axonframework.common.AxonTransientException;

/**
 * A command decided on a remembered history while the table already held newer events of the
 * payment (stored by another instance). Nothing it did is kept; {@link StaleHistoryRetry} runs it
 * again on the whole history.
 */
public class StaleHistoryException extends AxonTransientException {

    StaleHistoryException(String message, Throwable decision) {
        super(message, decision);
    }
}
