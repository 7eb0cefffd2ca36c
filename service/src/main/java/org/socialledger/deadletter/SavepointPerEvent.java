package org.socialledger.deadletter;

import java.util.Set;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.socialledger.journal.OperationsJournal;
import org.socialledger.support.PaymentViewProjection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each read-model handler call inside a savepoint of the processor's transaction. In
 * PostgreSQL a failed statement aborts the whole transaction: without the savepoint, parking the
 * failed event (in the same transaction) fails too, and the processor retries the whole batch
 * forever instead of parking one payment and going on with the others.
 */
@Component
class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final Set<Class<?>> READ_MODELS = Set.of(OperationsJournal.class, PaymentViewProjection.class);

    private final ObjectProvider<PlatformTransactionManager> transactionManager;
    private volatile TransactionTemplate savepoint;

    /** Lazily: handler enhancers are asked for while Axon is configured, before transactions exist. */
    SavepointPerEvent(ObjectProvider<PlatformTransactionManager> transactionManager) {
        this.transactionManager = transactionManager;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!READ_MODELS.contains(original.declaringClass())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
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

    private TransactionTemplate savepoint() {
        if (savepoint == null) {
            TransactionTemplate nested = new TransactionTemplate(transactionManager.getObject());
            // Inside the processor's transaction: a savepoint; outside of any: a transaction of its own.
            nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            savepoint = nested;
        }
        return savepoint;
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
