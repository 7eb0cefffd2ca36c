package org.socialledger.cli;

import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.socialledger.audit.ChainVerifier;
import org.socialledger.audit.EventExport;
import org.socialledger.eventstore.EventStoreConfiguration;
import org.socialledger.replay.ReplayConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Only what the audit commands need: the database, the verifier, the export and the replay.
 * Deliberately neither a {@code @Configuration} nor auto-configured as a whole, so the service's
 * component scan never picks it up and nothing that acts on the world (till listener, saga,
 * deadlines, processors) can start here.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class})
@Import({ChainVerifier.class, EventExport.class, ReplayConfiguration.class, AuditCommands.class})
class AuditCommandLineConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Events are read as the service stores them. */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(EventStoreConfiguration.storageObjectMapper()).build();
    }

    /**
     * The service's token table, with the serializer the service's token store uses. A running
     * service holds claims on its tokens, so a replay from here then fails instead of racing it.
     */
    @Bean
    TokenStore tokenStore(DataSource dataSource) {
        return JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .serializer(JacksonSerializer.builder().objectMapper(EventStoreConfiguration.storageObjectMapper())
                        .defaultTyping().build())
                .schema(EventStoreConfiguration.tokens())
                .build();
    }
}
