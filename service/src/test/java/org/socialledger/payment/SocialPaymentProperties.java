package org.socialledger.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentRefusedException;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.SocialLines;
import org.socialledger.api.payment.command.ConfirmPayment;
import org.socialledger.api.payment.command.ExpireCancel;
import org.socialledger.api.payment.command.RecordCancellation;
import org.socialledger.api.payment.command.RecordDebit;
import org.socialledger.api.payment.command.RecordDebitDecline;
import org.socialledger.api.payment.command.RecordRefund;
import org.socialledger.api.payment.command.RecordRefundDecline;
import org.socialledger.api.payment.command.RecordReservation;
import org.socialledger.api.payment.command.RecordReservationDecline;
import org.socialledger.api.payment.command.RequestCancel;
import org.socialledger.api.payment.command.RequestRefund;
import org.socialledger.api.payment.command.RequestReservation;
import org.socialledger.api.payment.event.CancelExpired;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.PaymentCancelled;
import org.socialledger.api.payment.event.PaymentConfirmed;
import org.socialledger.api.payment.event.PaymentDebited;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.api.payment.event.PaymentRefunded;
import org.socialledger.api.payment.event.PaymentReserved;
import org.socialledger.api.payment.event.RefundDeclined;
import org.socialledger.api.payment.event.RefundRequested;
import org.socialledger.api.payment.event.ReservationDeclined;
import org.socialledger.api.payment.event.ReservationRequested;

/**
 * Random sequences of till requests, service answers (right, wrong, late, repeated) and timers
 * against the aggregate: whatever happens, the money adds up and a final payment stays final.
 */
class SocialPaymentProperties {

    private Configuration axon;
    private CommandGateway commands;

    @BeforeProperty
    void startAxon() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(SocialPayment.class)
                .registerComponent(ReceiptClaims.class, c -> new InMemoryReceiptClaims())
                .buildConfiguration();
        axon.start();
        commands = axon.commandGateway();
    }

    @AfterProperty
    void stopAxon() {
        axon.shutdown();
    }

    enum Kind {
        SERVICE_RESERVED, SERVICE_RESERVED_PART, SERVICE_RESERVED_TOO_MUCH, SERVICE_DECLINED_RESERVE,
        TILL_DEBIT, TILL_DEBIT_WRONG_AMOUNT, SERVICE_DEBITED, SERVICE_DEBITED_WRONG_AMOUNT, SERVICE_DECLINED_DEBIT,
        TILL_CANCEL, EXPIRY, SERVICE_CANCELLED, GIVE_UP_CANCEL, TILL_REFUND, TILL_PARTIAL_REFUND,
        SERVICE_REFUNDED, SERVICE_DECLINED_REFUND, ANSWER_FOR_UNKNOWN_OPERATION
    }

    record Step(Kind kind, int secondsLater) {
    }

    @Provide
    Arbitrary<List<Step>> stories() {
        // Mostly seconds between steps, so that stories get past the debit before qrTtl (5 min);
        // sometimes hours, so that expiry and cancel_lifetime come into play.
        Arbitrary<Integer> pause = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.integers().between(0, 20)),
                Tuple.of(1, Arbitraries.integers().between(200, 8000)));
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), pause).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<Integer> cancelLifetimes() {
        return Arbitraries.of(0, 1);
    }

    @Property(tries = 1000)
    void moneyAddsUpAndFinalStatesAreNeverLeft(@ForAll("stories") List<Step> story,
                                               @ForAll("cancelLifetimes") int cancelLifetimeHours) {
        PaymentId payment = PaymentId.random();
        Receipt receipt = new Receipt(new ReceiptId("R-" + payment), Payments.TOTAL, Payments.RECEIPT.items());
        MerchantSettings settings = Payments.settings(cancelLifetimeHours);
        Ops ops = new Ops();
        Instant now = Payments.T0;
        commands.sendAndWait(new RequestReservation(payment, ops.reserve, Payments.STORE,
                Payments.TERMINAL, receipt, Payments.CARD, settings, Payments.TILL, now));
        PaymentState returned = PaymentState.REQUESTED;

        for (Step step : story) {
            now = now.plusSeconds(step.secondsLater());
            int eventsBefore = events(payment).size();
            Object command = command(step.kind(), payment, ops, now);
            try {
                Object result = commands.sendAndWait(command);
                if (result instanceof PaymentState state) {
                    returned = state;
                }
                ops.advance(step.kind());
            } catch (PaymentRefusedException | IllegalArgumentException refused) {
                assertThat(events(payment)).as("a refused command records nothing").hasSize(eventsBefore);
            }
            List<PaymentEvent> history = events(payment);
            assertThat(fold(history, receipt)).as("state answered by the aggregate").isEqualTo(returned);
        }
    }

    /** The operation ids a well-behaved saga would use, renewed as the payment moves on. */
    private static final class Ops {
        final OperationId reserve = OperationId.random();
        OperationId debit = OperationId.random();
        OperationId cancel = OperationId.random();
        OperationId refund = OperationId.random();

        void advance(Kind done) {
            if (done == Kind.SERVICE_DECLINED_REFUND) {
                refund = OperationId.random();
            }
        }
    }

    private static Object command(Kind kind, PaymentId payment, Ops ops, Instant now) {
        Money milk = Payments.MILK;
        return switch (kind) {
            case SERVICE_RESERVED -> new RecordReservation(payment, ops.reserve, "R-1", Payments.SOCIAL_LINES, milk,
                    Map.of(), now);
            case SERVICE_RESERVED_PART -> new RecordReservation(payment, ops.reserve, "R-1",
                    List.of(new SocialLine(1, Money.kopecks(5_000))), Money.kopecks(5_000), Map.of(), now);
            case SERVICE_RESERVED_TOO_MUCH -> new RecordReservation(payment, ops.reserve, "R-1",
                    List.of(new SocialLine(1, Payments.TOTAL)), Payments.TOTAL, Map.of(), now);
            case SERVICE_DECLINED_RESERVE -> new RecordReservationDecline(payment, ops.reserve, "NO_FUNDS", now);
            case TILL_DEBIT -> new ConfirmPayment(payment, ops.debit, milk, Payments.TILL, now);
            case TILL_DEBIT_WRONG_AMOUNT -> new ConfirmPayment(payment, ops.debit, Money.kopecks(1), Payments.TILL, now);
            case SERVICE_DEBITED -> new RecordDebit(payment, ops.debit, milk, Map.of(), now);
            case SERVICE_DEBITED_WRONG_AMOUNT -> new RecordDebit(payment, ops.debit, Money.kopecks(1), Map.of(), now);
            case SERVICE_DECLINED_DEBIT -> new RecordDebitDecline(payment, ops.debit, "RESERVATION_EXPIRED", ops.cancel,
                    now);
            case TILL_CANCEL -> new RequestCancel(payment, ops.cancel, CancelInitiator.TILL, "BUYER", Payments.TILL, now);
            case EXPIRY -> new RequestCancel(payment, ops.cancel, CancelInitiator.EXPIRY, "qrTtl", null, now);
            case SERVICE_CANCELLED -> new RecordCancellation(payment, ops.cancel, Map.of(), now);
            case GIVE_UP_CANCEL -> new ExpireCancel(payment, ops.cancel, now);
            case TILL_REFUND -> new RequestRefund(payment, ops.refund, "RR-1", Payments.SOCIAL_LINES, Payments.TILL, now);
            case TILL_PARTIAL_REFUND -> new RequestRefund(payment, ops.refund, "RR-1",
                    List.of(new SocialLine(1, Money.kopecks(1))), Payments.TILL, now);
            case SERVICE_REFUNDED -> new RecordRefund(payment, ops.refund, milk, Map.of(), now);
            case SERVICE_DECLINED_REFUND -> new RecordRefundDecline(payment, ops.refund, "TEMPORARY", now);
            case ANSWER_FOR_UNKNOWN_OPERATION -> new RecordDebit(payment, OperationId.random(), milk, Map.of(), now);
        };
    }

    private List<PaymentEvent> events(PaymentId payment) {
        List<PaymentEvent> events = new ArrayList<>();
        axon.eventStore().readEvents(payment.toString()).asStream()
                .map(DomainEventMessage::getPayload)
                .forEach(payload -> events.add((PaymentEvent) payload));
        return events;
    }

    /**
     * Replays the history as an independent reader would, asserting the money rules on the way,
     * and answers the state it ends in.
     */
    private static PaymentState fold(List<PaymentEvent> history, Receipt receipt) {
        PaymentState state = null;
        Money reserved = null;
        Money debited = null;
        Map<Class<?>, Integer> outcomes = new HashMap<>();
        for (PaymentEvent event : history) {
            PaymentState before = state;
            if (event instanceof ReservationRequested) {
                state = PaymentState.REQUESTED;
            } else if (event instanceof PaymentReserved e) {
                assertThat(e.socialAmount()).isEqualTo(SocialLines.total(e.socialLines()));
                assertThat(e.socialAmount().compareTo(receipt.total())).isLessThanOrEqualTo(0);
                assertThat(e.remainder()).isEqualTo(receipt.total().minus(e.socialAmount()));
                reserved = e.socialAmount();
                state = e.late() ? state : PaymentState.RESERVED;
            } else if (event instanceof ReservationDeclined e) {
                state = e.late() ? state : PaymentState.DECLINED;
            } else if (event instanceof PaymentConfirmed e) {
                assertThat(e.amount()).as("debit = reserved").isEqualTo(reserved);
                state = PaymentState.CONFIRMED;
            } else if (event instanceof PaymentDebited e) {
                assertThat(e.amount()).as("debited = reserved").isEqualTo(reserved);
                debited = e.amount();
                state = e.late() ? state : PaymentState.DEBITED;
            } else if (event instanceof CancelRequested) {
                state = PaymentState.CANCELLING;
            } else if (event instanceof PaymentCancelled e) {
                state = e.late() ? state : PaymentState.CANCELLED;
            } else if (event instanceof CancelExpired) {
                state = PaymentState.CANCEL_EXPIRED;
            } else if (event instanceof RefundRequested e) {
                assertThat(e.amount()).as("refund = debited").isEqualTo(debited);
                assertThat(SocialLines.total(e.items())).isEqualTo(debited);
                state = PaymentState.REFUNDING;
            } else if (event instanceof PaymentRefunded e) {
                assertThat(e.amount()).as("refunded = debited").isEqualTo(debited);
                state = PaymentState.REFUNDED;
            } else if (event instanceof RefundDeclined) {
                state = PaymentState.DEBITED;
            }
            // DebitDeclined moves nothing by itself: the CancelRequested that follows does.
            if (before != null && before.isFinal()) {
                assertThat(state).as("a final state is never left (" + event + ")").isEqualTo(before);
            }
            if (event instanceof PaymentReserved || event instanceof PaymentDebited
                    || event instanceof PaymentCancelled || event instanceof PaymentRefunded) {
                outcomes.merge(event.getClass(), 1, Integer::sum);
            }
        }
        assertThat(outcomes.getOrDefault(PaymentReserved.class, 0)).as("reserved at most once").isLessThanOrEqualTo(1);
        assertThat(outcomes.getOrDefault(PaymentDebited.class, 0)).as("debited at most once").isLessThanOrEqualTo(1);
        assertThat(outcomes.getOrDefault(PaymentRefunded.class, 0)).as("refunded at most once").isLessThanOrEqualTo(1);
        return state;
    }
}
