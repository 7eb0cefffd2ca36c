package org.socialledger.replay;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.socialledger.eventstore.EventStoreConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The replay, for the service and for the auditors' command line (which has no processors to pause). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplaySettings.class)
public class ReplayConfiguration {

    /** Three times Axon's claim timeout: a killed instance's claims have surely lapsed by then. */
    private static final Duration CLAIMS_WAIT = Duration.ofSeconds(30);

    /**
     * Before any processor starts, here and in the auditors' command line (whose replay writes the
     * shared group's tokens): a database kept by the previous version has the former processors'.
     */
    @Bean
    FormerReadModelProcessors formerReadModelProcessors(TokenStore tokenStore, JdbcTemplate jdbc,
                                                        PlatformTransactionManager transactionManager, Clock clock) {
        return new FormerReadModelProcessors(tokenStore, jdbc, new TransactionTemplate(transactionManager), clock,
                CLAIMS_WAIT);
    }

    /**
     * Reads the store with plain JDBC and the store's own object mapper ({@link StoredEvents}).
     */
    @Bean
    ProjectionReplay projectionReplay(DataSource dataSource, PlatformTransactionManager transactionManager,
                                      TokenStore tokenStore, Clock clock, ObjectProvider<ProcessorControl> processors,
                                      ObjectProvider<ReplayGate> gate, ReplaySettings settings) {
        StoredEvents events = new StoredEvents(dataSource,
                EventStoreConfiguration.storageObjectMapper());
        return new ProjectionReplay(dataSource, new TransactionTemplate(transactionManager), events, tokenStore,
                processors.getIfAvailable(() -> ProcessorControl.NONE), gate.getIfAvailable(() -> progress -> { }),
                clock, settings.decoderThreads());
    }
}
