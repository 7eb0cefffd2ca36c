package org.socialledger.payment;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's db-scheduler deadline manager, except that a deadline is cancelled by one {@code DELETE}
 * that leaves alone a deadline firing at that very moment.
 *
 * <p>db-scheduler's own cancel reads the task first and refuses one that is executing
 * ({@code TaskInstanceCurrentlyExecutingException}), in the saga's commit, so the saga's whole batch
 * of events was rolled back and retried after a pause of one to two seconds, for half of all
 * payments (one segment of two): found in the benchmark (BENCHMARKS.md). A firing deadline needs
 * no cancel: its handlers look at the saga's state first (an operation already known, a payment
 * already confirmed) and do nothing, and db-scheduler removes a one-time task once it has run. A
 * deadline that has already run or been cancelled deletes nothing, which is as good.
 *
 * <p>The single statement also halves what a cancel costs: a payment cancels three deadlines on
 * its way from reserve to debit, and the read before each delete was one statement in thirty.
 */
final class ToleratingDeadlineManager extends DbSchedulerDeadlineManager {

    private final JdbcTemplate jdbc;
    private final String cancel;

    ToleratingDeadlineManager(Builder builder, Scheduler scheduler, JdbcTemplate jdbc, String tableName) {
        super(builder.scheduler(scheduler));
        this.jdbc = jdbc;
        this.cancel = "DELETE FROM " + tableName + " WHERE task_name = ? AND task_instance = ? AND picked = false";
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        // In the unit of work's own transaction, at its commit: a rolled-back handler cancels nothing.
        runOnPrepareCommitOrNow(() -> {
            DbSchedulerDeadlineToken task = new DbSchedulerDeadlineToken(scheduleId);
            jdbc.update(cancel, task.getTaskName(), task.getId());
        });
    }
}
