package org.socialledger.till;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(TillSettings.class)
class TillConfiguration {

    /** The queue the tills send to; durable, no arguments, so a queue the tills declared first still matches. */
    @Bean
    Queue tillQueue(TillSettings settings) {
        return QueueBuilder.durable(settings.queue()).build();
    }

    @Bean
    Queue tillDeadLetterQueue(TillSettings settings) {
        return QueueBuilder.durable(settings.deadLetterQueue()).build();
    }

    /**
     * Registered here, inside the command bus's transaction interceptor. Deliberately not a
     * MessageHandlerInterceptor bean: Axon would register such a bean a second time.
     */
    @Bean
    Registration tillRequestRecorder(TillRequestStore store, CommandBus commandBus) {
        return commandBus.registerHandlerInterceptor(new TillRequestRecorder(store));
    }
}
