package org.socialledger.payment;

import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.ResourceInjector;
import org.socialledger.bank.SocialProcessingService;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Gives a loaded {@link PaymentSaga} its resources by calling its setters, and any other saga
 * through Spring's injector. Axon loads the saga for every event it handles; Spring's injector
 * walked the saga's class for injection points and resolved each dependency by type each time,
 * a sixth of the saga thread's CPU at full load (JFR, BENCHMARKS.md).
 *
 * <p>The beans are looked up on first use: the deadline manager and the command gateway are
 * built from Axon's configuration, which is built with this injector.
 */
final class PaymentSagaResources implements ResourceInjector {

    private final ObjectProvider<CommandGateway> commands;
    private final ObjectProvider<DeadlineManager> deadlines;
    private final ObjectProvider<SocialProcessingService> bank;
    private final ObjectProvider<PaymentIntents> intents;
    private final ObjectProvider<Clock> clock;
    private final ResourceInjector others;
    private volatile Resources resolved;

    PaymentSagaResources(ObjectProvider<CommandGateway> commands, ObjectProvider<DeadlineManager> deadlines,
                         ObjectProvider<SocialProcessingService> bank, ObjectProvider<PaymentIntents> intents,
                         ObjectProvider<Clock> clock, ResourceInjector others) {
        this.commands = commands;
        this.deadlines = deadlines;
        this.bank = bank;
        this.intents = intents;
        this.clock = clock;
        this.others = others;
    }

    @Override
    public void injectResources(Object saga) {
        if (saga instanceof PaymentSaga payment) {
            Resources resources = resources();
            payment.setCommands(resources.commands());
            payment.setDeadlines(resources.deadlines());
            payment.setBank(resources.bank());
            payment.setIntents(resources.intents());
            payment.setClock(resources.clock());
        } else {
            others.injectResources(saga);
        }
    }

    /** Resolved once: each {@code getObject()} resolves its dependency by type again. */
    private Resources resources() {
        Resources resources = resolved;
        if (resources == null) {
            resources = new Resources(commands.getObject(), deadlines.getObject(), bank.getObject(), intents.getObject(),
                    clock.getObject());
            resolved = resources;
        }
        return resources;
    }

    private record Resources(CommandGateway commands, DeadlineManager deadlines, SocialProcessingService bank,
                             PaymentIntents intents, Clock clock) {
    }
}
