package org.socialledger.eventstore;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Lets a command act on the payments it remembers without asking the table for newer events, and
 * makes sure that never decides anything on an old history.
 *
 * <ul>
 * <li>A command that appends to such a payment is safe as it is: if the table holds newer events,
 *     its first event takes a sequence number already stored and the commit fails on the unique
 *     key ({@code ConcurrencyException}).</li>
 * <li>A command that appends nothing to it (refused, or nothing to do) is checked against the
 *     table before it counts: a refusal of a debit because the payment "is not reserved yet" must
 *     not reach a till when another instance has recorded the reservation.</li>
 * </ul>
 *
 * Either failure rolls the command back, the payment is forgotten, and {@link StaleHistoryRetry}
 * runs the command again. Only for a command of its own unit of work: one run inside another (a
 * deadline's) shares that one's transaction, which a failed insert would spoil for a retry.
 */
class RememberedLoads implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final HashRememberingEventStore store;

    RememberedLoads(HashRememberingEventStore store) {
        this.store = store;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!unitOfWork.isRoot()) {
            return chain.proceed();
        }
        unitOfWork.resources().put(HashRememberingEventStore.MAY_TRUST_MEMORY, Boolean.TRUE);
        Object result;
        try {
            result = chain.proceed();
        } catch (Exception refused) {
            if (!store.rememberedLoadsAreCurrent(unitOfWork, true)) {
                throw new StaleHistoryException("refused on a remembered history that was not the latest", refused);
            }
            throw refused;
        }
        if (!store.rememberedLoadsAreCurrent(unitOfWork, false)) {
            throw new StaleHistoryException("nothing to do on a remembered history that was not the latest", null);
        }
        return result;
    }
}
