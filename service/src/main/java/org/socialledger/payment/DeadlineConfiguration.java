package org.socialledger.payment;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** The saga's persistent deadlines: Axon's db-scheduler manager as its auto-configuration builds it, made tolerant. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    @Bean
    DeadlineManager deadlineManager(Scheduler scheduler, Configuration axon,
                                    @Qualifier("eventSerializer") Serializer serializer,
                                    TransactionManager transactionManager, DeadlineManagerSpanFactory spanFactory,
                                    JdbcTemplate jdbc,
                                    @Value("${db-scheduler.table-name:scheduled_tasks}") String tableName) {
        return new ToleratingDeadlineManager(DbSchedulerDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                // db-scheduler's Spring Boot starter starts and stops the scheduler.
                .startScheduler(false)
                .stopScheduler(false), scheduler, jdbc, tableName);
    }
}
