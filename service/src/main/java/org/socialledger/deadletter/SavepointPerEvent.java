package org.socialledger.deadletter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a read-model handler call that once failed a savepoint of its own in the processor's
 * transaction, so that the failure can be parked and the batch go on.
 *
 * <p>In PostgreSQL a failed statement aborts the whole transaction: without a savepoint, parking
 * the failed event (in the same transaction) fails too, and a failed handler's first statements
 * would stay in the batch. A savepoint around every call, though, costs two round trips per event
 * and read model, about a sixth of all statements of a payment (BENCHMARKS.md). So calls run bare;
 * when one fails, its event is remembered and its batch is made to roll back at commit whatever
 * else happened. The processor retries the batch a second later, and this time the remembered
 * event runs inside a savepoint: it fails alone and is parked, and the others are written.
 *
 * <p>The memory is this instance's: another instance that takes the batch over learns the same
 * way, one rolled back batch later. A dead letter retried by an operator runs in a transaction of
 * its own that Axon rolls back on failure, so it needs no savepoint either.
 */
class SavepointPerEvent implements HandlerEnhancerDefinition {


    /** Events remembered as failed: enough for any batch's failures, bounded whatever happens. */
    private static final int REMEMBERED_FAILURES = 10_000;
    private static final String ROLLBACK_REGISTERED = SavepointPerEvent.class.getName() + ".rollback";

    private final ObjectProvider<PlatformTransactionManager> transactionManager;
    private final Set<Class<?>> readModels;
    private final Set<String> failed = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_FAILURES;
                }
            }));
    private volatile TransactionTemplate savepoint;

    /** Lazily: handler enhancers are asked for while Axon is configured, before transactions exist. */
    SavepointPerEvent(ObjectProvider<PlatformTransactionManager> transactionManager, Set<Class<?>> readModels) {
        this.transactionManager = transactionManager;
        this.readModels = Set.copyOf(readModels);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!readModels.contains(original.declaringClass())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!failed.contains(message.getIdentifier())) {
                    try {
                        return original.handle(message, target);
                    } catch (Exception e) {
                        failed.add(message.getIdentifier());
                        rollBackAtCommit(e);
                        throw e;
                    }
                }
                try {
                    return savepoint().execute(status -> {
                        try {
                            return original.handle(message, target);
                        } catch (Exception e) {
                            throw new HandlerFailed(e);
                        }
                    });
                } catch (HandlerFailed e) {
                    throw e.failure;
                }
            }
        };
    }

    /**
     * Makes the batch's commit fail, so that its retry brings the failed event back: if the
     * failure left the transaction usable, parking it now would keep whatever the handler wrote
     * before it failed.
     */
    private static void rollBackAtCommit(Exception failure) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork.resources().putIfAbsent(ROLLBACK_REGISTERED, Boolean.TRUE) == null) {
            unitOfWork.onPrepareCommit(u -> {
                throw new RetryWithSavepoint(failure);
            });
        }
    }

    private TransactionTemplate savepoint() {
        if (savepoint == null) {
            TransactionTemplate nested = new TransactionTemplate(transactionManager.getObject());
            // Inside the processor's transaction: a savepoint; outside of any: a transaction of its own.
            nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            savepoint = nested;
        }
        return savepoint;
    }

    /** Rolls a batch back so that its retry runs the failed handler call inside a savepoint. */
    static final class RetryWithSavepoint extends RuntimeException {
        RetryWithSavepoint(Exception failure) {
            super("a read-model handler failed; the batch is retried with the failed event in a savepoint: "
                    + failure.getMessage(), failure);
        }
    }

    /** Carries a handler's checked exception through the transaction callback, unchanged. */
    private static final class HandlerFailed extends RuntimeException {
        private final Exception failure;

        HandlerFailed(Exception failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }
}
