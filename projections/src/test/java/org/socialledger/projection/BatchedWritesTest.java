package org.socialledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.projection.Scripts.Script;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A processor's batch writes each payment's rows once ({@link BatchedWrites}), and the tables come
 * out exactly as when every event is written by itself; a batch whose folded writes fail is rolled
 * back and its retry writes the events one by one, as without batching.
 */
class BatchedWritesTest {

    private static Projections projections;
    private static TransactionManager transactions;

    @BeforeAll
    static void connect() {
        projections = new Projections();
        transactions = new SpringTransactionManager(new DataSourceTransactionManager(projections.dataSource()));
    }

    @AfterAll
    static void disconnect() {
        projections.close();
    }

    @Test
    void batchesOfAnySizeBuildWhatOneByOneBuilds() {
        List<PaymentEvent> events = ReplayTest.inTimeOrder(ReplayTest.manyPayments());
        projections.reset();
        projections.handleAll(events);
        String oneByOne = projections.checksum();

        for (int size : new int[] {1, 2, 3, 7, 50, events.size()}) {
            projections.reset();
            for (int from = 0; from < events.size(); from += size) {
                commit(messages(events.subList(from, Math.min(from + size, events.size()))));
            }

            assertThat(projections.checksum()).as("batches of " + size).isEqualTo(oneByOne);
        }
    }

    @Test
    void aBatchWritesNothingBeforeItCommitsAndEachRowOnce() {
        projections.reset();
        Script script = Scripts.reserveDebitRefund(PaymentStory.payment());
        List<EventMessage<?>> fourEvents = messages(script.events().subList(0, 4));
        List<Long> rowsSeenWhileHandling = new ArrayList<>();

        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(fourEvents);
        batch.attachTransaction(transactions);
        batch.executeWithResult(() -> {
            projections.handle(batch.getMessage());
            rowsSeenWhileHandling.add(projections.rows("payment_view") + projections.rows("soc_processing_operations"));
            return null;
        });

        assertThat(rowsSeenWhileHandling).containsOnly(0L);
        assertThat(projections.rows("payment_view")).isEqualTo(1);
        projections.reset();
        projections.handleAll(script.events().subList(0, 4));
        String oneByOne = projections.checksum();
        projections.reset();
        commit(fourEvents);
        assertThat(projections.checksum()).isEqualTo(oneByOne);
    }

    @Test
    void aFoldedUpdateKeepsWhatAnEarlierEventOfTheBatchSetAndALaterOneLeavesAlone() {
        PaymentStory story = PaymentStory.payment();
        List<PaymentEvent> before = List.of(story.requested(), story.reserved(), story.confirmed(),
                story.cancelRequested(CancelInitiator.TILL, PaymentState.CONFIRMED, "BUYER_DECLINED"));
        // The cancel is confirmed, then the debit's answer arrives late: the cancel must stay set.
        List<PaymentEvent> batch = List.of(story.cancelled(), story.debitedLate());
        projections.reset();
        projections.handleAll(before);
        projections.handleAll(batch);
        String oneByOne = projections.checksum();

        projections.reset();
        projections.handleAll(before);
        assertThat(commit(messages(batch))).isEqualTo(1);

        assertThat(projections.checksum()).isEqualTo(oneByOne);
    }

    @Test
    void aRepeatedBatchIsRetriedOneByOneAndChangesNothing() {
        List<PaymentEvent> events = ReplayTest.inTimeOrder(ReplayTest.manyPayments());
        projections.reset();
        projections.handleAll(events);
        String once = projections.checksum();

        // The rows are there already: the folded COPY fails, the retry writes each event by itself.
        // Here both read models share one batch, and the first failure stops the other's writes
        // (each has a processor of its own in the service): one retry per read model.
        List<EventMessage<?>> again = messages(events);
        assertThat(commit(again)).isEqualTo(3);

        assertThat(projections.checksum()).isEqualTo(once);
    }

    @Test
    void aRefundAfterFoldedWritesOfItsPaymentRetriesTheBatchOneByOne() {
        projections.reset();
        Script script = Scripts.reserveDebitRefund(PaymentStory.payment());
        projections.handleAll(script.events());
        String oneByOne = projections.checksum();

        projections.reset();
        assertThat(commit(messages(script.events()))).isEqualTo(2);

        assertThat(projections.checksum()).isEqualTo(oneByOne);
    }

    @Test
    void anEventWithoutItsRowFailsTheBatchAndThenFailsAloneWhenRetried() {
        projections.reset();
        Script script = Scripts.reserveDebitRefund(PaymentStory.payment());
        Script orphan = Scripts.reserveDebitRefund(PaymentStory.payment());
        List<EventMessage<?>> batch = messages(List.of(script.events().get(0), orphan.events().get(1),
                script.events().get(1)));

        assertThatThrownBy(() -> attempt(batch)).isInstanceOf(BatchedWrites.RetryOneByOne.class);
        assertThat(projections.rows("payment_view")).as("rolled back").isZero();

        // The retry writes one by one: the orphan fails in its own handler call, where Axon parks it.
        assertThatThrownBy(() -> attempt(batch))
                .hasMessageContaining("no row for PaymentReserved of payment " + orphan.story().paymentId);
    }

    /** Commits the batch as a processor does, retrying it when it fails; returns the attempts it took. */
    private static int commit(List<EventMessage<?>> messages) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                attempt(messages);
                return attempt;
            } catch (BatchedWrites.RetryOneByOne e) {
                // as the processor: the batch rolled back, and comes again
            }
        }
        throw new AssertionError("the batch failed three times");
    }

    private static void attempt(List<EventMessage<?>> messages) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.attachTransaction(transactions);
        try {
            // as a processor runs its batch: the task once per event, any failure rolls back
            batch.executeWithResult(() -> {
                projections.handle(batch.getMessage());
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (batch.getExecutionResult().isExceptionResult()) {
            Throwable failure = batch.getExecutionResult().getExceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    private static List<EventMessage<?>> messages(List<PaymentEvent> events) {
        return events.stream().<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList();
    }
}
