package org.socialledger.replay;

import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.socialledger.eventstore.EventStoreConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The replay, for the service and for the auditors' command line (which has no processors to pause). */
@Configuration(proxyBeanMethods = false)
public class ReplayConfiguration {

    /**
     * Reads the store with its own engine: the same table and serializer as the service's, but
     * fetching a whole chunk per query instead of Axon's default 100 events.
     */
    @Bean
    ProjectionReplay projectionReplay(DataSource dataSource, PlatformTransactionManager transactionManager,
                                      TokenStore tokenStore, @Qualifier("eventSerializer") Serializer eventSerializer,
                                      Clock clock, ObjectProvider<ProcessorControl> processors,
                                      ObjectProvider<ReplayGate> gate) {
        JdbcEventStorageEngine events = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(new SpringTransactionManager(transactionManager))
                .schema(EventStoreConfiguration.events())
                .batchSize(ProjectionReplay.CHUNK)
                .build();
        return new ProjectionReplay(dataSource, new TransactionTemplate(transactionManager), events, tokenStore,
                processors.getIfAvailable(() -> ProcessorControl.NONE), gate.getIfAvailable(() -> progress -> { }),
                clock);
    }
}
