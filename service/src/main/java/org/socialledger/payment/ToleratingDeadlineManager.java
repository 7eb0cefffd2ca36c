package org.socialledger.payment;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager, except that cancelling a deadline which is firing at that
 * very moment is not an error.
 *
 * <p>Axon's own refuses it (db-scheduler's {@link TaskInstanceCurrentlyExecutingException}), in the
 * saga's commit, so the saga's whole batch of events was rolled back and retried after a pause of one
 * to two seconds, for half of all payments (one segment of two). Under load checks fire while their
 * operation's outcome is being recorded, and each pause made more of them fire: found in the
 * benchmark (BENCHMARKS.md). A firing deadline needs no cancel: its handlers look at the saga's state
 * first (an operation already known, a payment already confirmed) and do nothing, and db-scheduler
 * removes a one-time task once it has run.
 */
final class ToleratingDeadlineManager extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(ToleratingDeadlineManager.class);

    private final Scheduler scheduler;

    ToleratingDeadlineManager(Builder builder, Scheduler scheduler) {
        super(builder.scheduler(scheduler));
        this.scheduler = scheduler;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> {
            try {
                scheduler.cancel(new DbSchedulerDeadlineToken(scheduleId));
            } catch (TaskInstanceNotFoundException gone) {
                log.debug("Deadline {} {} has already run or been cancelled", deadlineName, scheduleId);
            } catch (TaskInstanceCurrentlyExecutingException firing) {
                log.debug("Deadline {} {} is firing now; its handler sees the saga's state", deadlineName, scheduleId);
            }
        });
    }
}
