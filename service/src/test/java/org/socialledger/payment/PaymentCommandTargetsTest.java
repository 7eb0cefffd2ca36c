package org.socialledger.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialledger.payment.Payments.BANK;
import static org.socialledger.payment.Payments.CANCEL_OP;
import static org.socialledger.payment.Payments.DEBIT_OP;
import static org.socialledger.payment.Payments.PAYMENT;
import static org.socialledger.payment.Payments.T0;
import static org.socialledger.payment.Payments.TILL;

import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.command.ConfirmPayment;
import org.socialledger.api.payment.command.ExpireCancel;
import org.socialledger.api.payment.command.RecordCancellation;
import org.socialledger.api.payment.command.RequestCancel;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

class PaymentCommandTargetsTest {

    private final CommandTargetResolver targets = new PaymentCommandTargets();
    private final CommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

    @Test
    void everyPaymentCommandIsResolvedAsAxonResolvesIt() {
        List<Object> commands = List.of(
                new ConfirmPayment(PAYMENT, DEBIT_OP, Money.kopecks(17_980), TILL, T0),
                new RequestCancel(PAYMENT, CANCEL_OP, CancelInitiator.TILL, "BUYER_DECLINED", null, T0),
                new RecordCancellation(PAYMENT, CANCEL_OP, BANK, T0),
                new ExpireCancel(PAYMENT, CANCEL_OP, T0));
        for (Object command : commands) {
            VersionedAggregateIdentifier resolved = targets.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            assertThat(resolved).as(command.getClass().getSimpleName())
                    .isEqualTo(axon.resolveTarget(GenericCommandMessage.asCommandMessage(command)));
            assertThat(resolved.getIdentifier()).isEqualTo(PAYMENT.toString());
            assertThat(resolved.getVersion()).isNull();
        }
    }

    @Test
    void everyCommandClassOfTheApiIsARecordWithItsTargetMarked() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> true);
        List<String> names = scanner.findCandidateComponents("org.socialledger.api.payment.command").stream()
                .map(definition -> definition.getBeanClassName()).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(12);
        for (String name : names) {
            Class<?> type = Class.forName(name);
            assertThat(type.isRecord()).as(name + " is a record").isTrue();
            assertThat(type.getRecordComponents()[0].getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class)
                    || fieldMarked(type, type.getRecordComponents()[0].getName()))
                    .as(name + " marks its payment id").isTrue();
        }
    }

    @Test
    void aCommandWithoutItsTargetIsRefused() {
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(
                new ConfirmPayment(null, DEBIT_OP, Money.kopecks(1), TILL, T0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ConfirmPayment");
    }

    @Test
    void aPayloadThatIsNoRecordIsLeftToAxon() {
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Legacy(PAYMENT.toString()))))
                .isEqualTo(new VersionedAggregateIdentifier(PAYMENT.toString(), null));
    }

    private static boolean fieldMarked(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name).isAnnotationPresent(TargetAggregateIdentifier.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    static final class Legacy {
        @TargetAggregateIdentifier
        private final String id;

        Legacy(String id) {
            this.id = id;
        }
    }
}
