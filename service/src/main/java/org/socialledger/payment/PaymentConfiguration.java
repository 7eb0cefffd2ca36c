package org.socialledger.payment;

import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.saga.ResourceInjector;
import org.axonframework.spring.saga.SpringResourceInjector;
import org.socialledger.bank.SocialProcessingService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Axon builds and finds payments and gives the saga its resources, in fewer steps per message
 * than its Spring defaults (each measured in BENCHMARKS.md).
 */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    /**
     * The payment as its constructor makes it. Axon's Spring default (found by this bean's name)
     * asked the application context for a prototype bean for every command, with every bean
     * post-processor applied: 3 % of the service's CPU, for an aggregate that has nothing injected.
     */
    @Bean
    AggregateFactory<SocialPayment> socialPaymentAggregateFactory() {
        return new AggregateFactory<>() {
            @Override
            public SocialPayment createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
                // The first event's handler sets the state, as for every later event.
                return new SocialPayment();
            }

            @Override
            public Class<SocialPayment> getAggregateType() {
                return SocialPayment.class;
            }
        };
    }

    /** Named by {@code @Aggregate(commandTargetResolver = ...)} on {@link SocialPayment}. */
    @Bean
    CommandTargetResolver paymentCommandTargets() {
        return new PaymentCommandTargets();
    }

    /** Replaces Axon's Spring injector (its auto-configuration steps back when one is defined). */
    @Bean
    ResourceInjector resourceInjector(ObjectProvider<CommandGateway> commands, ObjectProvider<DeadlineManager> deadlines,
                                      ObjectProvider<SocialProcessingService> bank, ObjectProvider<PaymentIntents> intents,
                                      ObjectProvider<Clock> clock, ApplicationContext context) {
        SpringResourceInjector others = new SpringResourceInjector();
        others.setApplicationContext(context);
        return new PaymentSagaResources(commands, deadlines, bank, intents, clock, others);
    }
}
