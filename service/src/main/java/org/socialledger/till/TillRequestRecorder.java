package org.socialledger.till;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Records the till request in the same transaction as the events its command applies, so the
 * message_id is bound exactly when the request acted. Running inside Axon's unit of work (not
 * around it) also means the events are committed when Axon wakes its event processors, so
 * replies are not delayed by a poll.
 */
class TillRequestRecorder implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Command metadata key carrying the {@link TillRequestStore.Row} to insert; never copied to events. */
    static final String ROW = "ledger.tillRequestRow";

    private final TillRequestStore store;

    TillRequestRecorder(TillRequestStore store) {
        this.store = store;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (unitOfWork.getMessage().getMetaData().get(ROW) instanceof TillRequestStore.Row row
                && !store.insert(row)) {
            throw new DuplicateTillRequestException(row.messageId());
        }
        return chain.proceed();
    }
}
