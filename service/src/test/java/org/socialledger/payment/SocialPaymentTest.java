package org.socialledger.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialledger.payment.Payments.BANK;
import static org.socialledger.payment.Payments.BATTERIES;
import static org.socialledger.payment.Payments.CANCEL_OP;
import static org.socialledger.payment.Payments.DEBIT_OP;
import static org.socialledger.payment.Payments.EXPIRES;
import static org.socialledger.payment.Payments.FOREVER;
import static org.socialledger.payment.Payments.MILK;
import static org.socialledger.payment.Payments.PAYMENT;
import static org.socialledger.payment.Payments.RECEIPT;
import static org.socialledger.payment.Payments.REFUND_OP;
import static org.socialledger.payment.Payments.RESERVE_OP;
import static org.socialledger.payment.Payments.SOCIAL_LINES;
import static org.socialledger.payment.Payments.STORE;
import static org.socialledger.payment.Payments.TILL;
import static org.socialledger.payment.Payments.TWO_HOURS;
import static org.socialledger.payment.Payments.at;
import static org.socialledger.payment.Payments.cancelRequested;
import static org.socialledger.payment.Payments.confirmed;
import static org.socialledger.payment.Payments.debited;
import static org.socialledger.payment.Payments.refundRequested;
import static org.socialledger.payment.Payments.requested;
import static org.socialledger.payment.Payments.reserve;
import static org.socialledger.payment.Payments.reserved;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.AmountMismatchException;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.ConflictingOutcomeException;
import org.socialledger.api.payment.InvalidServiceAnswerException;
import org.socialledger.api.payment.InvalidStateException;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.NotDueException;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PartialRefundNotAllowedException;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.ReceiptInProgressException;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.UnknownOperationException;
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
import org.socialledger.api.payment.event.CancelExpired;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.DebitDeclined;
import org.socialledger.api.payment.event.PaymentCancelled;
import org.socialledger.api.payment.event.PaymentDebited;
import org.socialledger.api.payment.event.PaymentRefunded;
import org.socialledger.api.payment.event.PaymentReserved;
import org.socialledger.api.payment.event.RefundDeclined;
import org.socialledger.api.payment.event.RefundRequested;
import org.socialledger.api.payment.event.ReservationDeclined;

/** The lifecycle table of domain.md, row by row, and every refusal around it. */
class SocialPaymentTest {

    private static final OperationId OTHER_OP = OperationId.of("6a1f8c7e-0000-4000-8000-0000000000ff");

    private FixtureConfiguration<SocialPayment> fixture;
    private InMemoryReceiptClaims claims;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SocialPayment.class);
        claims = new InMemoryReceiptClaims();
        fixture.registerInjectableResource(claims);
    }

    private static RecordReservation serviceReserved() {
        return new RecordReservation(PAYMENT, RESERVE_OP, "R-1", SOCIAL_LINES, MILK, BANK, at(1));
    }

    private static RequestCancel tillCancel(long atSeconds) {
        return new RequestCancel(PAYMENT, CANCEL_OP, CancelInitiator.TILL, "BUYER_DECLINED", TILL, at(atSeconds));
    }

    private static RequestCancel expiry(java.time.Instant when) {
        return new RequestCancel(PAYMENT, CANCEL_OP, CancelInitiator.EXPIRY, "qrTtl passed", null, when);
    }

    private static RequestRefund fullRefund() {
        return new RequestRefund(PAYMENT, REFUND_OP, "S001-03-000140", SOCIAL_LINES, TILL, at(3600));
    }

    @Nested
    class Requested {

        @Test
        void reserveRecordsTheIntentWithItsExpiryBeforeTheServiceIsAsked() {
            fixture.givenNoPriorActivity()
                    .when(reserve())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(requested());
            assertThat(claims.isClaimed(STORE, RECEIPT.id())).isTrue();
        }

        @Test
        void reserveOfAReceiptThatHasAnActivePaymentIsRefused() {
            PaymentId other = PaymentId.of("11111111-2222-4333-8444-555555555555");
            claims.claim(other, STORE, RECEIPT.id(), at(-10));
            fixture.givenNoPriorActivity()
                    .when(reserve())
                    .expectException(ReceiptInProgressException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString(other.toString()))
                    .expectNoEvents();
        }

        @Test
        void serviceReservedMakesItReservedWithTheRemainderToPayOtherwise() {
            fixture.given(requested())
                    .when(serviceReserved())
                    .expectEvents(reserved())
                    .expectResultMessagePayload(PaymentState.RESERVED);
        }

        @Test
        void serviceDeclinedMakesItDeclinedAndFreesTheReceipt() {
            claims.claim(PAYMENT, STORE, RECEIPT.id(), at(0));
            fixture.given(requested())
                    .when(new RecordReservationDecline(PAYMENT, RESERVE_OP, "CARD_NOT_SOCIAL", at(1)))
                    .expectEvents(new ReservationDeclined(PAYMENT, RESERVE_OP, "CARD_NOT_SOCIAL", at(1), false))
                    .expectResultMessagePayload(PaymentState.DECLINED);
            assertThat(claims.isClaimed(STORE, RECEIPT.id())).isFalse();
        }

        @Test
        void tillCancelBeforeTheServiceAnsweredStartsCancelling() {
            fixture.given(requested())
                    .when(tillCancel(20))
                    .expectEvents(new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.TILL, "BUYER_DECLINED",
                            PaymentState.REQUESTED, FOREVER, TILL, at(20), null))
                    .expectResultMessagePayload(PaymentState.CANCELLING);
        }

        @Test
        void noAnswerByQrTtlStartsCancelling() {
            fixture.given(requested())
                    .when(expiry(EXPIRES))
                    .expectEvents(new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.EXPIRY, "qrTtl passed",
                            PaymentState.REQUESTED, FOREVER, null, EXPIRES, null));
        }

        @Test
        void expiryBeforeQrTtlIsRefused() {
            fixture.given(requested())
                    .when(expiry(EXPIRES.minusSeconds(1)))
                    .expectException(NotDueException.class)
                    .expectNoEvents();
        }

        @Test
        void debitBeforeTheServiceReservedIsRefused() {
            fixture.given(requested())
                    .when(new ConfirmPayment(PAYMENT, DEBIT_OP, MILK, TILL, at(5)))
                    .expectException(InvalidStateException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("REQUESTED"))
                    .expectNoEvents();
        }

        @Test
        void anAnswerForAnotherOperationIsRefused() {
            fixture.given(requested())
                    .when(new RecordReservation(PAYMENT, OTHER_OP, "R-1", SOCIAL_LINES, MILK, BANK, at(1)))
                    .expectException(UnknownOperationException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class ServiceAnswersThatDoNotAddUp {

        @Test
        void aSocialLineThatIsNotOnTheReceiptIsRefused() {
            fixture.given(requested())
                    .when(new RecordReservation(PAYMENT, RESERVE_OP, "R-1", List.of(new SocialLine(7, MILK)), MILK,
                            BANK, at(1)))
                    .expectException(InvalidServiceAnswerException.class)
                    .expectNoEvents();
        }

        @Test
        void moreThanTheLineCostsIsRefused() {
            Money tooMuch = MILK.plus(Money.kopecks(1));
            fixture.given(requested())
                    .when(new RecordReservation(PAYMENT, RESERVE_OP, "R-1", List.of(new SocialLine(1, tooMuch)),
                            tooMuch, BANK, at(1)))
                    .expectException(InvalidServiceAnswerException.class)
                    .expectNoEvents();
        }

        @Test
        void aSocialAmountThatIsNotTheSumOfItsLinesIsRefused() {
            fixture.given(requested())
                    .when(new RecordReservation(PAYMENT, RESERVE_OP, "R-1", SOCIAL_LINES, Money.kopecks(100), BANK,
                            at(1)))
                    .expectException(InvalidServiceAnswerException.class)
                    .expectNoEvents();
        }

        @Test
        void partOfTheLastLineIsAccepted() {
            Money part = Money.kopecks(5_000);
            List<SocialLine> lines = List.of(new SocialLine(1, part));
            fixture.given(requested())
                    .when(new RecordReservation(PAYMENT, RESERVE_OP, "R-1", lines, part, BANK, at(1)))
                    .expectEvents(new PaymentReserved(PAYMENT, RESERVE_OP, "R-1", lines, part,
                            Money.kopecks(20_980), BANK, at(1), false));
        }
    }

    @Nested
    class Reserved {

        @Test
        void debitOfTheReservedAmountConfirmsThePayment() {
            fixture.given(requested(), reserved())
                    .when(new ConfirmPayment(PAYMENT, DEBIT_OP, MILK, TILL, at(60)))
                    .expectEvents(confirmed())
                    .expectResultMessagePayload(PaymentState.CONFIRMED);
        }

        @Test
        void debitOfAnotherAmountIsRefused() {
            fixture.given(requested(), reserved())
                    .when(new ConfirmPayment(PAYMENT, DEBIT_OP, BATTERIES, TILL, at(60)))
                    .expectException(AmountMismatchException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("17980 kop"))
                    .expectNoEvents();
        }

        @Test
        void debitAfterQrTtlIsRefused() {
            fixture.given(requested(), reserved())
                    .when(new ConfirmPayment(PAYMENT, DEBIT_OP, MILK, TILL, EXPIRES))
                    .expectException(InvalidStateException.class)
                    .expectNoEvents();
        }

        @Test
        void tillCancelStartsCancelling() {
            fixture.given(requested(), reserved())
                    .when(tillCancel(90))
                    .expectEvents(cancelRequested(PaymentState.RESERVED));
        }

        @Test
        void qrTtlWithoutADebitStartsCancelling() {
            fixture.given(requested(), reserved())
                    .when(expiry(EXPIRES.plusSeconds(1)))
                    .expectEvents(new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.EXPIRY, "qrTtl passed",
                            PaymentState.RESERVED, FOREVER, null, EXPIRES.plusSeconds(1), null));
        }

        @Test
        void theSameAnswerAgainChangesNothing() {
            fixture.given(requested(), reserved())
                    .when(serviceReserved())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(PaymentState.RESERVED);
        }

        @Test
        void aDeclineAfterTheReservationIsAConflict() {
            fixture.given(requested(), reserved())
                    .when(new RecordReservationDecline(PAYMENT, RESERVE_OP, "LATE", at(2)))
                    .expectException(ConflictingOutcomeException.class)
                    .expectNoEvents();
        }

        @Test
        void refundBeforeDebitIsRefused() {
            fixture.given(requested(), reserved())
                    .when(fullRefund())
                    .expectException(InvalidStateException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Confirmed {

        @Test
        void serviceDebitedMakesItDebited() {
            fixture.given(requested(), reserved(), confirmed())
                    .when(new RecordDebit(PAYMENT, DEBIT_OP, MILK, Map.of(), at(61)))
                    .expectEvents(debited())
                    .expectResultMessagePayload(PaymentState.DEBITED);
        }

        @Test
        void aDebitOfAnotherAmountThanReservedIsNotTrusted() {
            fixture.given(requested(), reserved(), confirmed())
                    .when(new RecordDebit(PAYMENT, DEBIT_OP, TOTAL_PLUS_ONE, Map.of(), at(61)))
                    .expectException(InvalidServiceAnswerException.class)
                    .expectNoEvents();
        }

        @Test
        void serviceDeclinedTheDebitSoTheReservationIsCancelled() {
            fixture.given(requested(TWO_HOURS), reserved(), confirmed())
                    .when(new RecordDebitDecline(PAYMENT, DEBIT_OP, "RESERVATION_EXPIRED", CANCEL_OP, at(62)))
                    .expectEvents(new DebitDeclined(PAYMENT, DEBIT_OP, "RESERVATION_EXPIRED", at(62), false),
                            new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.DEBIT_DECLINED,
                                    "debit declined: RESERVATION_EXPIRED", PaymentState.CONFIRMED, TWO_HOURS, null, at(62),
                                    at(62).plus(Duration.ofHours(2))))
                    .expectResultMessagePayload(PaymentState.CANCELLING);
        }

        @Test
        void tillCancelStartsCancelling() {
            fixture.given(requested(), reserved(), confirmed())
                    .when(tillCancel(90))
                    .expectEvents(cancelRequested(PaymentState.CONFIRMED));
        }

        @Test
        void expiryDoesNotCancelAConfirmedPayment() {
            fixture.given(requested(), reserved(), confirmed())
                    .when(expiry(EXPIRES.plusSeconds(1)))
                    .expectException(InvalidStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aSecondDebitIsRefused() {
            fixture.given(requested(), reserved(), confirmed())
                    .when(new ConfirmPayment(PAYMENT, OTHER_OP, MILK, TILL, at(70)))
                    .expectException(InvalidStateException.class)
                    .expectNoEvents();
        }
    }

    private static final Money TOTAL_PLUS_ONE = Money.kopecks(17_981);

    @Nested
    class Debited {

        @Test
        void tillCancelIsAReversal() {
            fixture.given(requested(), reserved(), confirmed(), debited())
                    .when(tillCancel(90))
                    .expectEvents(cancelRequested(PaymentState.DEBITED));
        }

        @Test
        void refundOfEverySocialLineInFullStartsRefunding() {
            fixture.given(requested(), reserved(), confirmed(), debited())
                    .when(fullRefund())
                    .expectEvents(refundRequested())
                    .expectResultMessagePayload(PaymentState.REFUNDING);
        }

        @Test
        void partialRefundIsRefused() {
            fixture.given(requested(), reserved(), confirmed(), debited())
                    .when(new RequestRefund(PAYMENT, REFUND_OP, "S001-03-000140",
                            List.of(new SocialLine(1, Money.kopecks(8_990))), TILL, at(3600)))
                    .expectException(PartialRefundNotAllowedException.class)
                    .expectNoEvents();
        }

        @Test
        void refundThatMissesASocialLineIsRefused() {
            fixture.given(requested(), reserved(), confirmed(), debited())
                    .when(new RequestRefund(PAYMENT, REFUND_OP, "S001-03-000140", List.of(), TILL, at(3600)))
                    .expectException(PartialRefundNotAllowedException.class)
                    .expectNoEvents();
        }

        @Test
        void refundOfANonSocialLineIsRefused() {
            fixture.given(requested(), reserved(), confirmed(), debited())
                    .when(new RequestRefund(PAYMENT, REFUND_OP, "S001-03-000140",
                            List.of(new SocialLine(1, MILK), new SocialLine(2, BATTERIES)), TILL, at(3600)))
                    .expectException(PartialRefundNotAllowedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Cancelling {

        @Test
        void serviceCancelledMakesItCancelledAndFreesTheReceipt() {
            claims.claim(PAYMENT, STORE, RECEIPT.id(), at(0));
            fixture.given(requested(), reserved(), cancelRequested(PaymentState.RESERVED))
                    .when(new RecordCancellation(PAYMENT, CANCEL_OP, Map.of(), at(95)))
                    .expectEvents(new PaymentCancelled(PAYMENT, CANCEL_OP, Map.of(), at(95), false))
                    .expectResultMessagePayload(PaymentState.CANCELLED);
            assertThat(claims.isClaimed(STORE, RECEIPT.id())).isFalse();
        }

        @Test
        void cancelLifetimePassedMakesItCancelExpired() {
            var cancel = new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.TILL, "BUYER_DECLINED",
                    PaymentState.RESERVED, TWO_HOURS, TILL, at(90), at(90).plus(Duration.ofHours(2)));
            fixture.given(requested(TWO_HOURS), reserved(), cancel)
                    .when(new ExpireCancel(PAYMENT, CANCEL_OP, at(90).plus(Duration.ofHours(2))))
                    .expectEvents(new CancelExpired(PAYMENT, CANCEL_OP, at(90).plus(Duration.ofHours(2))))
                    .expectResultMessagePayload(PaymentState.CANCEL_EXPIRED);
        }

        @Test
        void givingUpBeforeCancelLifetimeIsRefused() {
            var cancel = new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.TILL, "BUYER_DECLINED",
                    PaymentState.RESERVED, TWO_HOURS, TILL, at(90), at(90).plus(Duration.ofHours(2)));
            fixture.given(requested(TWO_HOURS), reserved(), cancel)
                    .when(new ExpireCancel(PAYMENT, CANCEL_OP, at(91)))
                    .expectException(NotDueException.class)
                    .expectNoEvents();
        }

        @Test
        void aCancelRetriedForeverNeverGivesUp() {
            fixture.given(requested(), reserved(), cancelRequested(PaymentState.RESERVED))
                    .when(new ExpireCancel(PAYMENT, CANCEL_OP, at(90).plus(Duration.ofDays(365))))
                    .expectException(InvalidStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aSecondCancelFromTheTillChangesNothing() {
            fixture.given(requested(), reserved(), cancelRequested(PaymentState.RESERVED))
                    .when(tillCancel(100))
                    .expectNoEvents()
                    .expectResultMessagePayload(PaymentState.CANCELLING);
        }

        @Test
        void debitAfterCancelIsRefused() {
            fixture.given(requested(), reserved(), cancelRequested(PaymentState.RESERVED))
                    .when(new ConfirmPayment(PAYMENT, DEBIT_OP, MILK, TILL, at(100)))
                    .expectException(InvalidStateException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("CANCELLING"))
                    .expectNoEvents();
        }

        @Test
        void aReservationThatArrivesAfterTheCancelIsRecordedAndDoesNotReopenThePayment() {
            fixture.given(requested(), cancelRequested(PaymentState.REQUESTED))
                    .when(serviceReserved())
                    .expectEvents(new PaymentReserved(PAYMENT, RESERVE_OP, "R-1", SOCIAL_LINES, MILK, BATTERIES,
                            BANK, at(1), true))
                    .expectResultMessagePayload(PaymentState.CANCELLING);
        }

        @Test
        void aDeclineThatArrivesAfterTheCancelIsRecordedToo() {
            fixture.given(requested(), cancelRequested(PaymentState.REQUESTED))
                    .when(new RecordReservationDecline(PAYMENT, RESERVE_OP, "NO_SOCIAL_ITEMS", at(100)))
                    .expectEvents(new ReservationDeclined(PAYMENT, RESERVE_OP, "NO_SOCIAL_ITEMS", at(100), true))
                    .expectResultMessagePayload(PaymentState.CANCELLING);
        }

        @Test
        void aDebitThatArrivesAfterTheCancelIsRecordedAndTheCancelReversesIt() {
            fixture.given(requested(), reserved(), confirmed(), cancelRequested(PaymentState.CONFIRMED))
                    .when(new RecordDebit(PAYMENT, DEBIT_OP, MILK, Map.of(), at(95)))
                    .expectEvents(new PaymentDebited(PAYMENT, DEBIT_OP, MILK, Map.of(), at(95), true))
                    .expectResultMessagePayload(PaymentState.CANCELLING);
        }

        @Test
        void aDeclinedDebitThatArrivesAfterTheCancelDoesNotStartAnotherCancel() {
            fixture.given(requested(), reserved(), confirmed(), cancelRequested(PaymentState.CONFIRMED))
                    .when(new RecordDebitDecline(PAYMENT, DEBIT_OP, "RESERVATION_EXPIRED", OTHER_OP, at(95)))
                    .expectEvents(new DebitDeclined(PAYMENT, DEBIT_OP, "RESERVATION_EXPIRED", at(95), true))
                    .expectResultMessagePayload(PaymentState.CANCELLING);
        }

        @Test
        void aCancellationOfAnotherOperationIsRefused() {
            fixture.given(requested(), reserved(), cancelRequested(PaymentState.RESERVED))
                    .when(new RecordCancellation(PAYMENT, OTHER_OP, Map.of(), at(95)))
                    .expectException(UnknownOperationException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Refunding {

        @Test
        void serviceRefundedMakesItRefunded() {
            fixture.given(requested(), reserved(), confirmed(), debited(), refundRequested())
                    .when(new RecordRefund(PAYMENT, REFUND_OP, MILK, Map.of(), at(3601)))
                    .expectEvents(new PaymentRefunded(PAYMENT, REFUND_OP, MILK, Map.of(), at(3601)))
                    .expectResultMessagePayload(PaymentState.REFUNDED);
        }

        @Test
        void serviceDeclinedTheRefundSoItIsDebitedAgain() {
            fixture.given(requested(), reserved(), confirmed(), debited(), refundRequested())
                    .when(new RecordRefundDecline(PAYMENT, REFUND_OP, "NOT_DEBITED", at(3601)))
                    .expectEvents(new RefundDeclined(PAYMENT, REFUND_OP, "NOT_DEBITED", at(3601)))
                    .expectResultMessagePayload(PaymentState.DEBITED);
        }

        @Test
        void aRefundCanBeAskedAgainAfterADecline() {
            OperationId second = OperationId.of("6a1f8c7e-0000-4000-8000-000000000005");
            fixture.given(requested(), reserved(), confirmed(), debited(), refundRequested(),
                            new RefundDeclined(PAYMENT, REFUND_OP, "TEMPORARY", at(3601)))
                    .when(new RequestRefund(PAYMENT, second, "S001-03-000141", SOCIAL_LINES, TILL, at(3700)))
                    .expectEvents(new RefundRequested(PAYMENT, second, RESERVE_OP, "S001-03-000141", SOCIAL_LINES, MILK, FOREVER,
                            TILL, at(3700)));
        }

        @Test
        void cancelWhileRefundingIsRefused() {
            fixture.given(requested(), reserved(), confirmed(), debited(), refundRequested())
                    .when(tillCancel(3602))
                    .expectException(InvalidStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aRefundOfAnotherAmountThanDebitedIsNotTrusted() {
            fixture.given(requested(), reserved(), confirmed(), debited(), refundRequested())
                    .when(new RecordRefund(PAYMENT, REFUND_OP, BATTERIES, Map.of(), at(3601)))
                    .expectException(InvalidServiceAnswerException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Final {

        @Test
        void aDeclinedPaymentCannotBeCancelled() {
            fixture.given(requested(), new ReservationDeclined(PAYMENT, RESERVE_OP, "CARD_NOT_SOCIAL", at(1), false))
                    .when(tillCancel(5))
                    .expectException(InvalidStateException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("DECLINED"))
                    .expectNoEvents();
        }

        @Test
        void cancellingACancelledPaymentAnswersCancelledAgain() {
            fixture.given(requested(), reserved(), cancelRequested(PaymentState.RESERVED),
                            new PaymentCancelled(PAYMENT, CANCEL_OP, Map.of(), at(95), false))
                    .when(tillCancel(200))
                    .expectNoEvents()
                    .expectResultMessagePayload(PaymentState.CANCELLED);
        }

        @Test
        void aRefundedPaymentCannotBeRefundedAgain() {
            fixture.given(requested(), reserved(), confirmed(), debited(), refundRequested(),
                            new PaymentRefunded(PAYMENT, REFUND_OP, MILK, Map.of(), at(3601)))
                    .when(fullRefund())
                    .expectException(InvalidStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aRefundedPaymentCannotBeCancelled() {
            fixture.given(requested(), reserved(), confirmed(), debited(), refundRequested(),
                            new PaymentRefunded(PAYMENT, REFUND_OP, MILK, Map.of(), at(3601)))
                    .when(tillCancel(3700))
                    .expectException(InvalidStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aCancelConfirmedAfterGivingUpIsRecordedButTheStateStays() {
            var cancel = new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.TILL, "BUYER_DECLINED",
                    PaymentState.RESERVED, TWO_HOURS, TILL, at(90), at(90).plus(Duration.ofHours(2)));
            fixture.given(requested(TWO_HOURS), reserved(), cancel,
                            new CancelExpired(PAYMENT, CANCEL_OP, at(90).plus(Duration.ofHours(2))))
                    .when(new RecordCancellation(PAYMENT, CANCEL_OP, Map.of(), at(90).plus(Duration.ofHours(3))))
                    .expectEvents(new PaymentCancelled(PAYMENT, CANCEL_OP, Map.of(),
                            at(90).plus(Duration.ofHours(3)), true))
                    .expectResultMessagePayload(PaymentState.CANCEL_EXPIRED);
        }

        @Test
        void aCancelExpiredPaymentCannotBeCancelledByTheTill() {
            var cancel = new CancelRequested(PAYMENT, CANCEL_OP, RESERVE_OP, CancelInitiator.TILL, "BUYER_DECLINED",
                    PaymentState.RESERVED, TWO_HOURS, TILL, at(90), at(90).plus(Duration.ofHours(2)));
            fixture.given(requested(TWO_HOURS), reserved(), cancel,
                            new CancelExpired(PAYMENT, CANCEL_OP, at(90).plus(Duration.ofHours(2))))
                    .when(tillCancel(90 + 3 * 3600))
                    .expectException(InvalidStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aLateReservationAfterTheCancelWasConfirmedIsStillRecorded() {
            fixture.given(requested(), cancelRequested(PaymentState.REQUESTED),
                            new PaymentCancelled(PAYMENT, CANCEL_OP, Map.of(), at(95), false))
                    .when(serviceReserved())
                    .expectEvents(new PaymentReserved(PAYMENT, RESERVE_OP, "R-1", SOCIAL_LINES, MILK, BATTERIES,
                            BANK, at(1), true))
                    .expectResultMessagePayload(PaymentState.CANCELLED);
        }
    }
}
