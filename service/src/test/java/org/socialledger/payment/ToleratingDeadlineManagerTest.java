package org.socialledger.payment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class ToleratingDeadlineManagerTest {

    private final Scheduler scheduler = mock(Scheduler.class);
    private final ToleratingDeadlineManager deadlines = new ToleratingDeadlineManager(DbSchedulerDeadlineManager.builder()
            .scopeAwareProvider(mock(ScopeAwareProvider.class))
            .serializer(JacksonSerializer.defaultSerializer())
            .transactionManager(NoTransactionManager.INSTANCE)
            .startScheduler(false)
            .stopScheduler(false), scheduler);

    @Test
    void givenTheDeadlineIsFiring_whenTheSagaCancelsIt_thenItsCommitGoesOn() {
        doThrow(new TaskInstanceCurrentlyExecutingException("AxonDeadline", "d-1")).when(scheduler)
                .cancel(any(TaskInstanceId.class));

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        deadlines.cancelSchedule(PaymentSaga.CHECK, "d-1");

        assertThatCode(unitOfWork::commit).doesNotThrowAnyException();
        verify(scheduler).cancel(new DbSchedulerDeadlineToken("d-1"));
    }

    @Test
    void givenAUnitOfWork_whenADeadlineIsCancelled_thenOnlyOnItsCommit() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        deadlines.cancelSchedule(PaymentSaga.CHECK, "d-2");
        verify(scheduler, never()).cancel(any(TaskInstanceId.class));

        unitOfWork.rollback();

        verify(scheduler, never()).cancel(any(TaskInstanceId.class));
    }
}
