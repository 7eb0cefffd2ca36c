package org.socialledger.audit;

import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /** Every event published through the store is chained; registered once, here. */
    @Bean
    Registration hashChainInterceptor(EventStore eventStore, @Qualifier("eventSerializer") Serializer eventSerializer,
                                      JdbcTemplate jdbc) {
        return eventStore.registerDispatchInterceptor(new HashChainInterceptor(new HashChain(), eventSerializer, jdbc));
    }
}
