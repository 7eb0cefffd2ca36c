package org.socialledger.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class SavepointPerEventTest {

    /** A read model that fails on the events it is told to, and notes whether each call had a transaction of its own. */
    static class ReadModel {
        final Set<String> failOn;
        final List<Boolean> inOwnTransaction = new ArrayList<>();

        ReadModel(Set<String> failOn) {
            this.failOn = failOn;
        }

        @EventHandler
        void on(String event) {
            inOwnTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            if (failOn.contains(event)) {
                throw new IllegalStateException("cannot project " + event);
            }
        }
    }

    /** Transactions with nothing behind them: enough to see which calls run inside one. */
    static class PlainTransactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    private final ReadModel readModel = new ReadModel(Set.of("poison"));
    private final MessageHandlingMember<ReadModel> handler = wrapped();

    @SuppressWarnings("unchecked")
    private MessageHandlingMember<ReadModel> wrapped() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("transactionManager", new PlainTransactions());
        SavepointPerEvent enhancer = new SavepointPerEvent(beans.getBeanProvider(PlatformTransactionManager.class),
                Set.of(ReadModel.class));
        MessageHandlingMember<? super ReadModel> original = AnnotatedHandlerInspector.inspectType(ReadModel.class)
                .getHandlers(ReadModel.class).findFirst().orElseThrow();
        return enhancer.wrapHandler((MessageHandlingMember<ReadModel>) original);
    }

    private Object handleInBatch(EventMessage<?> event) throws Exception {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(event);
        try {
            return handler.handle(event, readModel);
        } finally {
            batch.commit();
        }
    }

    @Test
    void givenAHandlerThatHasNeverFailed_whenItHandles_thenItRunsWithoutASavepoint() throws Exception {
        handleInBatch(GenericEventMessage.asEventMessage("fine"));

        assertThat(readModel.inOwnTransaction).containsExactly(false);
    }

    @Test
    void givenAFailure_whenItsBatchCommits_thenTheBatchRollsBackAndTheRetryRunsTheEventInASavepoint() throws Exception {
        EventMessage<?> poison = GenericEventMessage.asEventMessage("poison");
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(poison);

        // The caller (Axon's dead-letter invoker) gets the handler's own failure, to park it ...
        assertThatThrownBy(() -> handler.handle(poison, readModel)).hasMessage("cannot project poison");
        // ... but whatever it does with it, the batch may not commit what the failed call left behind.
        assertThatThrownBy(batch::commit).isInstanceOf(SavepointPerEvent.RetryWithSavepoint.class)
                .hasMessageContaining("cannot project poison");
        assertThat(batch.isRolledBack()).isTrue();

        assertThatThrownBy(() -> handleInBatch(poison)).hasMessage("cannot project poison");
        handleInBatch(GenericEventMessage.asEventMessage("fine"));

        assertThat(readModel.inOwnTransaction).containsExactly(false, true, false);
    }
}
