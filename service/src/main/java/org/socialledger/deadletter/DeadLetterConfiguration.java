package org.socialledger.deadletter;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import java.util.Set;
import org.socialledger.journal.OperationsJournal;
import org.socialledger.replay.ProjectionReplay;
import org.socialledger.support.PaymentViewProjection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** The width of dead_letter_entry.cause_message (V1__axon_event_store.sql). */
    private static final int CAUSE_MESSAGE_SIZE = 1023;

    /** The read models' handler calls, given a savepoint once they failed. */
    @Bean
    SavepointPerEvent savepointPerEvent(ObjectProvider<PlatformTransactionManager> transactionManager) {
        return new SavepointPerEvent(transactionManager, Set.of(OperationsJournal.class, PaymentViewProjection.class));
    }

    /**
     * Axon's default policy (always park, with the cause), counting the failed attempts in the
     * letter's diagnostics so support sees how often a retry has failed. The cause kept is the
     * innermost one (the database's own sentence, not Spring's wrapping with the whole SQL),
     * truncated to fit its column: a cause too long to store would make the parking fail.
     */
    @Bean
    ConfigurerModule countFailedAttempts() {
        EnqueuePolicy<EventMessage<?>> policy = (letter, cause) -> Decisions.enqueue(
                ThrowableCause.truncated(innermost(cause), CAUSE_MESSAGE_SIZE),
                failed -> MetaData.with(DeadLetters.FAILURES, failures(failed.diagnostics()) + 1));
        return configurer -> ProjectionReplay.PROCESSING_GROUPS.forEach(group ->
                configurer.eventProcessing().registerDeadLetterPolicy(group, axon -> policy));
    }

    private static Throwable innermost(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost;
    }

    private static long failures(MetaData diagnostics) {
        Object count = diagnostics.get(DeadLetters.FAILURES);
        return count instanceof Number number ? number.longValue() : 0;
    }
}
