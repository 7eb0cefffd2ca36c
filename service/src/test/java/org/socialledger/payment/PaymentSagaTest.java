package org.socialledger.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialledger.payment.Payments.BANK;
import static org.socialledger.payment.Payments.CANCEL_OP;
import static org.socialledger.payment.Payments.DEBIT_OP;
import static org.socialledger.payment.Payments.MILK;
import static org.socialledger.payment.Payments.PAYMENT;
import static org.socialledger.payment.Payments.RESERVE_OP;
import static org.socialledger.payment.Payments.SOCIAL_LINES;
import static org.socialledger.payment.Payments.TWO_HOURS;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.command.ExpireCancel;
import org.socialledger.api.payment.command.RecordCancellation;
import org.socialledger.api.payment.command.RecordDebit;
import org.socialledger.api.payment.command.RecordReservation;
import org.socialledger.api.payment.command.RequestCancel;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.PaymentCancelled;
import org.socialledger.api.payment.event.ReservationDeclined;
import org.socialledger.bank.ServiceAnswer;
import org.socialledger.testing.TestClock;

/** The saga on a scripted service and the fixture's clock: calls, polls, expiry, retries, the end. */
class PaymentSagaTest {

    private static final ServiceAnswer RESERVED = new ServiceAnswer.Reserved("R-1", SOCIAL_LINES, MILK, null, BANK);
    private static final ServiceAnswer UNKNOWN = new ServiceAnswer.Unknown("timeout");

    private SagaTestFixture<PaymentSaga> fixture;
    private ScriptedBank bank;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(PaymentSaga.class);
        bank = new ScriptedBank();
        fixture.registerResource(bank);
        fixture.registerCommandGateway(CommandGateway.class);
        fixture.registerResource(scriptedIntents());
        fixture.registerResource(TestClock.reading(() -> fixture.currentTime()));
        fixture.setCallbackBehavior((commandPayload, commandMetaData) -> null);
    }

    private final Map<Class<?>, Object> intents = new java.util.HashMap<>(Map.of(
            org.socialledger.api.payment.event.ReservationRequested.class, Payments.requested(),
            org.socialledger.api.payment.event.PaymentConfirmed.class, Payments.confirmed(),
            CancelRequested.class, Payments.cancelRequested(PaymentState.REQUESTED)));

    /** The intents "stored", as {@link #intents} says. */
    private PaymentIntents scriptedIntents() {
        return new PaymentIntents(null) {
            @Override
            public <T> Optional<T> latest(PaymentId paymentId, Class<T> type) {
                return Optional.ofNullable(intents.get(type)).map(type::cast);
            }
        };
    }

    private static Instant atT0Plus(Duration duration) {
        return Payments.T0.plus(duration);
    }

    @Test
    void theReservationIsSentAndItsAnswerRecorded() {
        bank.answer("reserve", RESERVED);
        fixture.givenCurrentTime(Payments.T0)
                .whenPublishingA(Payments.requested())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RecordReservation(PAYMENT, RESERVE_OP, "R-1", SOCIAL_LINES, MILK, BANK,
                        Payments.T0))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(35), PaymentSaga.WAKE_UP);
        assertThat(bank.calls("reserve")).extracting(ScriptedBank.Call::operationId).containsExactly(RESERVE_OP);
    }

    @Test
    void theFirstCallIsMadeFromTheEventInHandWithoutReadingTheStore() {
        intents.clear();
        bank.answer("reserve", RESERVED).answer("debit", new ServiceAnswer.Debited(MILK, BANK));
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .andThenAPublished(Payments.reserved())
                .whenPublishingA(Payments.confirmed())
                .expectDispatchedCommands(new RecordDebit(PAYMENT, Payments.confirmed().debitOperationId(), MILK, BANK,
                        Payments.T0));
        assertThat(bank.calls("reserve")).extracting(ScriptedBank.Call::operationId).containsExactly(RESERVE_OP);
    }

    @Test
    void anUnknownOutcomeIsAskedAboutAfterTheTimeoutAndAnInterval() {
        bank.answer("reserve", UNKNOWN).answer("status", new ServiceAnswer.Processing(), RESERVED);
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .whenTimeElapses(Duration.ofSeconds(35))
                .expectNoDispatchedCommands();
        fixture.whenTimeElapses(Duration.ofSeconds(5))
                .expectDispatchedCommands(new RecordReservation(PAYMENT, RESERVE_OP, "R-1", SOCIAL_LINES, MILK, BANK,
                        atT0Plus(Duration.ofSeconds(40))));
        assertThat(bank.calls("status")).hasSize(2);
    }

    @Test
    void anOperationTheServiceNeverReceivedIsSentAgainWithTheSameOperationId() {
        bank.answer("reserve", UNKNOWN, RESERVED).answer("status", new ServiceAnswer.NotFound());
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .whenTimeElapses(Duration.ofSeconds(35))
                .expectDispatchedCommands(new RecordReservation(PAYMENT, RESERVE_OP, "R-1", SOCIAL_LINES, MILK, BANK,
                        atT0Plus(Duration.ofSeconds(35))));
        assertThat(bank.calls("reserve")).extracting(ScriptedBank.Call::operationId)
                .containsExactly(RESERVE_OP, RESERVE_OP);
    }

    @Test
    void aReservationNotDebitedByQrTtlIsCancelled() {
        bank.answer("reserve", RESERVED);
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .andThenAPublished(Payments.reserved())
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.<Object>both(org.hamcrest.Matchers.instanceOf(RequestCancel.class))
                                        .and(new org.hamcrest.CustomTypeSafeMatcher<>("a cancel on expiry") {
                                            @Override
                                            protected boolean matchesSafely(Object command) {
                                                return ((RequestCancel) command).initiator() == CancelInitiator.EXPIRY;
                                            }
                                        }))));
    }

    @Test
    void aConfirmedPaymentIsNotExpiredButItsDebitIsFollowed() {
        bank.answer("reserve", RESERVED).answer("debit", UNKNOWN).answer("status", new ServiceAnswer.Debited(MILK, Map.of()));
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .andThenAPublished(Payments.reserved())
                .andThenAPublished(Payments.confirmed())
                .whenTimeElapses(Duration.ofSeconds(35))
                .expectDispatchedCommands(new RecordDebit(PAYMENT, DEBIT_OP, MILK, Map.of(),
                        atT0Plus(Duration.ofSeconds(35))));
        // Until the aggregate's PaymentDebited arrives the saga keeps asking; after it, nothing.
        fixture.whenPublishingA(Payments.debited()).expectActiveSagas(0);
        fixture.whenTimeElapses(Duration.ofMinutes(5))
                .expectNoDispatchedCommands();
    }

    @Test
    void aCancelIsRetriedEveryIntervalUntilTheServiceConfirmsIt() {
        bank.answer("reserve", RESERVED).answer("cancel", UNKNOWN)
                .answer("status", UNKNOWN, UNKNOWN, new ServiceAnswer.NotFound(), new ServiceAnswer.Cancelled(Map.of()));
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .andThenAPublished(Payments.reserved())
                .andThenAPublished(Payments.cancelRequested(PaymentState.RESERVED))
                .whenTimeElapses(Duration.ofSeconds(35))
                .expectNoDispatchedCommands();
        // The fixture fires what is due at the end of each step, so time moves interval by interval.
        fixture.whenTimeElapses(Duration.ofSeconds(5)).expectNoDispatchedCommands();
        fixture.whenTimeElapses(Duration.ofSeconds(5)).expectNoDispatchedCommands();
        fixture.whenTimeElapses(Duration.ofSeconds(5))
                .expectDispatchedCommands(new RecordCancellation(PAYMENT, CANCEL_OP, Map.of(),
                        atT0Plus(Duration.ofSeconds(50))));
        assertThat(bank.calls("cancel")).as("sent, then sent again after a 404").hasSize(2)
                .extracting(ScriptedBank.Call::operationId).containsOnly(CANCEL_OP);
    }

    @Test
    void aCancelThatNeverSucceedsIsGivenUpAtCancelLifetime() {
        bank.answer("reserve", RESERVED).answer("cancel", UNKNOWN).answer("status", UNKNOWN);
        Instant giveUpAt = Payments.T0.plus(Duration.ofHours(2));
        CancelRequested cancel = new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.TILL, "BUYER",
                PaymentState.REQUESTED, TWO_HOURS, Payments.TILL, Payments.T0, giveUpAt);
        intents.put(CancelRequested.class, cancel);
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested(TWO_HOURS))
                .andThenAPublished(Payments.reserved())
                .andThenAPublished(cancel)
                .whenTimeElapses(Duration.ofSeconds(35))
                .expectNoDispatchedCommands();
        fixture.whenTimeElapses(Duration.ofSeconds(5)).expectNoDispatchedCommands();
        fixture.whenTimeElapses(Duration.ofSeconds(5)).expectNoDispatchedCommands();
        assertThat(bank.calls("status")).as("asked every interval").hasSize(3);
        fixture.whenTimeElapses(Duration.ofHours(2).minusSeconds(45))
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.listWithAnyOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.equalTo(new ExpireCancel(PAYMENT, CANCEL_OP, giveUpAt)))));
    }

    @Test
    void theSagaEndsWhenThePaymentIsFinalAndNothingIsUnknown() {
        bank.answer("reserve", UNKNOWN);
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .whenPublishingA(new ReservationDeclined(PAYMENT, RESERVE_OP, "CARD_NOT_SOCIAL", Payments.T0, false))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aCancelledPaymentWhoseReserveTheServiceNeverGotIsClosedAsNotReceived() {
        bank.answer("reserve", UNKNOWN).answer("cancel", new ServiceAnswer.Cancelled(Map.of()))
                .answer("status", new ServiceAnswer.NotFound());
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .andThenAPublished(Payments.cancelRequested(PaymentState.REQUESTED))
                .andThenAPublished(new PaymentCancelled(PAYMENT, CANCEL_OP, Map.of(), Payments.T0, false))
                .whenTimeElapses(Duration.ofSeconds(35))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new org.socialledger.api.payment.command.RecordReservationDecline(PAYMENT,
                        RESERVE_OP, PaymentSaga.NOT_RECEIVED, atT0Plus(Duration.ofSeconds(35))));
        assertThat(bank.calls("reserve")).as("never sent again once cancelling").hasSize(1);
    }

    @Test
    void aDebitedPaymentRestsAndALaterRefundStartsANewSaga() {
        bank.answer("reserve", RESERVED).answer("debit", new ServiceAnswer.Debited(MILK, Map.of()))
                .answer("refund", new ServiceAnswer.Refunded(MILK, Map.of()));
        intents.put(org.socialledger.api.payment.event.RefundRequested.class, Payments.refundRequested());
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .andThenAPublished(Payments.reserved())
                .andThenAPublished(Payments.confirmed())
                .andThenAPublished(Payments.debited())
                .whenPublishingA(Payments.refundRequested())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new org.socialledger.api.payment.command.RecordRefund(PAYMENT,
                        Payments.REFUND_OP, Money.kopecks(17_980), Map.of(), Payments.T0));
    }

    @Test
    void oneWakeUpServesAPaymentFromReserveToDebit() {
        List<String> scheduled = new ArrayList<>();
        fixture.registerDeadlineDispatchInterceptor(messages -> (index, deadline) -> {
            scheduled.add(deadline.getDeadlineName());
            return deadline;
        });
        bank.answer("reserve", RESERVED).answer("debit", new ServiceAnswer.Debited(MILK, Map.of()));
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .andThenAPublished(Payments.reserved())
                .andThenAPublished(Payments.confirmed())
                .whenPublishingA(Payments.debited())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(scheduled).containsExactly(PaymentSaga.WAKE_UP);
    }

    @Test
    void aWakeUpThatFindsNothingDueSetsTheNextOne() {
        bank.answer("reserve", RESERVED);
        fixture.givenCurrentTime(Payments.T0)
                .andThenAPublished(Payments.requested())
                .andThenAPublished(Payments.reserved())
                .whenTimeElapses(Duration.ofSeconds(35))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofMinutes(5).minusSeconds(35), PaymentSaga.WAKE_UP);
        assertThat(bank.calls("status")).as("the reserve is known: nothing to ask").isEmpty();
    }

    /** Sagas stored by an earlier version hold per-check deadlines and no due times; those deadlines still act. */
    @Test
    void deadlinesAnEarlierVersionScheduledStillAct() {
        CommandGateway gateway = mock(CommandGateway.class);
        List<Object> sent = new ArrayList<>();
        when(gateway.send(any())).thenAnswer(call -> {
            sent.add(((CommandMessage<?>) call.getArgument(0)).getPayload());
            return new CompletableFuture<>();
        });
        bank.answer("reserve", UNKNOWN).answer("status", RESERVED);
        PaymentSaga saga = new PaymentSaga();
        saga.setCommands(gateway);
        saga.setDeadlines(mock(DeadlineManager.class));
        saga.setBank(bank);
        saga.setIntents(scriptedIntents());
        saga.setClock(TestClock.reading(() -> Payments.T0.plusSeconds(1)));
        saga.on(Payments.requested());

        saga.check(new PaymentSaga.Check(PaymentSaga.RESERVE));
        saga.expire();

        assertThat(bank.calls("status")).hasSize(1);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo(new RecordReservation(PAYMENT, RESERVE_OP, "R-1", SOCIAL_LINES, MILK, BANK,
                Payments.T0.plusSeconds(1)));
        assertThat(sent.get(1)).isInstanceOfSatisfying(RequestCancel.class,
                cancel -> assertThat(cancel.initiator()).isEqualTo(CancelInitiator.EXPIRY));
    }
}
