package org.socialledger.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Cancelling a deadline against db-scheduler's real table: one statement, at commit, never refused. */
class ToleratingDeadlineManagerTest {

    private static final String TASK = new DbSchedulerDeadlineToken("any").getTaskName();

    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
            TestPostgres.instance().jdbcUrl(), TestPostgres.instance().user(), TestPostgres.instance().password()));
    private final ToleratingDeadlineManager deadlines = new ToleratingDeadlineManager(DbSchedulerDeadlineManager.builder()
            .scopeAwareProvider(mock(ScopeAwareProvider.class))
            .serializer(JacksonSerializer.defaultSerializer())
            .transactionManager(NoTransactionManager.INSTANCE)
            .startScheduler(false)
            .stopScheduler(false), mock(Scheduler.class), jdbc, "scheduled_tasks");

    @Test
    void givenAWaitingDeadline_whenTheSagaCancelsIt_thenItIsGoneAtCommit() {
        String id = task(false);

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        deadlines.cancelSchedule(PaymentSaga.CHECK, id);
        assertThat(exists(id)).as("still there before the commit").isTrue();
        unitOfWork.commit();

        assertThat(exists(id)).isFalse();
    }

    @Test
    void givenTheDeadlineIsFiring_whenTheSagaCancelsIt_thenItsCommitGoesOnAndTheFiringOneStays() {
        String id = task(true);

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        deadlines.cancelSchedule(PaymentSaga.CHECK, id);

        assertThatCode(unitOfWork::commit).doesNotThrowAnyException();
        assertThat(exists(id)).as("db-scheduler removes it when it has run").isTrue();
    }

    @Test
    void givenADeadlineThatHasAlreadyRun_whenTheSagaCancelsIt_thenNothingHappens() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        deadlines.cancelSchedule(PaymentSaga.CHECK, UUID.randomUUID().toString());

        assertThatCode(unitOfWork::commit).doesNotThrowAnyException();
    }

    @Test
    void givenAUnitOfWorkThatRollsBack_whenADeadlineIsCancelled_thenItStays() {
        String id = task(false);

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        deadlines.cancelSchedule(PaymentSaga.CHECK, id);
        unitOfWork.rollback();

        assertThat(exists(id)).isTrue();
    }

    private String task(boolean picked) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
                        + " VALUES (?, ?, ?, ?, 1)", TASK, id,
                Timestamp.from(Instant.now().plusSeconds(3600)), picked);
        return id;
    }

    private boolean exists(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?",
                Integer.class, TASK, id) == 1;
    }
}
