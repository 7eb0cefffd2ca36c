package org.socialledger.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.socialledger.api.payment.AmountMismatchException;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.ConflictingOutcomeException;
import org.socialledger.api.payment.InvalidServiceAnswerException;
import org.socialledger.api.payment.InvalidStateException;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.NotDueException;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PartialRefundNotAllowedException;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.SocialLines;
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
import org.socialledger.api.payment.command.RequestReservation;
import org.socialledger.api.payment.event.CancelExpired;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.DebitDeclined;
import org.socialledger.api.payment.event.PaymentCancelled;
import org.socialledger.api.payment.event.PaymentConfirmed;
import org.socialledger.api.payment.event.PaymentDebited;
import org.socialledger.api.payment.event.PaymentRefunded;
import org.socialledger.api.payment.event.PaymentReserved;
import org.socialledger.api.payment.event.RefundDeclined;
import org.socialledger.api.payment.event.RefundRequested;
import org.socialledger.api.payment.event.ReservationDeclined;
import org.socialledger.api.payment.event.ReservationRequested;

/**
 * One social payment, from the till's {@code reserve} to its final state (domain.md, "Lifecycle
 * of one payment"). Command handlers decide and refuse; event sourcing handlers only change
 * state. Every command handler answers the state the payment is in afterwards, so a repeated
 * request ("cancel" of a cancelled payment) can be answered without a second event.
 *
 * <p>An answer of the service that arrives after the payment started cancelling is recorded
 * with {@code late = true} and never moves the payment: the cancel goes on and releases it.
 */
@Aggregate(commandTargetResolver = "paymentCommandTargets")
public class SocialPayment {

    /** What is known of one operation sent to the service. */
    private enum Outcome { UNKNOWN, SUCCEEDED, DECLINED }

    @AggregateIdentifier
    private PaymentId paymentId;
    private PaymentState state;
    private Receipt receipt;
    private MerchantSettings settings;
    private Instant expiresAt;

    private OperationId reserveOperationId;
    private Outcome reserveOutcome;
    private List<SocialLine> socialLines = List.of();
    private Money socialAmount = Money.ZERO;

    private OperationId debitOperationId;
    private Outcome debitOutcome;
    private Money debitedAmount = Money.ZERO;

    private OperationId cancelOperationId;
    private Instant cancelGiveUpAt;
    private boolean cancelConfirmed;

    private OperationId refundOperationId;
    private Money refundAmount = Money.ZERO;

    protected SocialPayment() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    public SocialPayment(RequestReservation command, ReceiptClaims receiptClaims) {
        Objects.requireNonNull(command.reserveOperationId(), "reserve operation id is required");
        Objects.requireNonNull(command.storeId(), "store id is required");
        Objects.requireNonNull(command.terminalId(), "terminal id is required");
        Objects.requireNonNull(command.receipt(), "receipt is required");
        Objects.requireNonNull(command.card(), "card is required");
        Objects.requireNonNull(command.settings(), "merchant settings are required");
        Objects.requireNonNull(command.requestedAt(), "request time is required");
        receiptClaims.claim(command.paymentId(), command.storeId(), command.receipt().id(), command.requestedAt());
        apply(new ReservationRequested(command.paymentId(), command.reserveOperationId(), command.storeId(),
                command.terminalId(), command.receipt(), command.card(), command.settings(), command.replyTo(),
                command.requestedAt(), command.requestedAt().plus(command.settings().qrTtl())));
    }

    @CommandHandler
    public PaymentState handle(RecordReservation command) {
        requireOperation("reserve", reserveOperationId, command.reserveOperationId());
        if (reserveOutcome == Outcome.SUCCEEDED && command.socialAmount().equals(socialAmount)) {
            return state;
        }
        if (reserveOutcome != Outcome.UNKNOWN) {
            throw new ConflictingOutcomeException(paymentId, reserveOperationId, reserveOutcome.name(),
                    "RESERVED " + command.socialAmount());
        }
        checkReservationFitsReceipt(command.socialLines(), command.socialAmount());
        boolean late = isCancelling();
        requireStateOrLate(PaymentState.REQUESTED, late, "record a reservation");
        apply(new PaymentReserved(paymentId, reserveOperationId, command.reservationId(),
                List.copyOf(command.socialLines()), command.socialAmount(),
                receipt.total().minus(command.socialAmount()), copy(command.bankData()), command.reservedAt(), late));
        return state;
    }

    @CommandHandler
    public PaymentState handle(RecordReservationDecline command, ReceiptClaims receiptClaims) {
        requireOperation("reserve", reserveOperationId, command.reserveOperationId());
        if (reserveOutcome == Outcome.DECLINED) {
            return state;
        }
        if (reserveOutcome != Outcome.UNKNOWN) {
            throw new ConflictingOutcomeException(paymentId, reserveOperationId, reserveOutcome.name(),
                    "DECLINED " + command.reason());
        }
        boolean late = isCancelling();
        requireStateOrLate(PaymentState.REQUESTED, late, "record a declined reservation");
        apply(new ReservationDeclined(paymentId, reserveOperationId, command.reason(), command.declinedAt(), late));
        releaseClaimIfFinal(receiptClaims);
        return state;
    }

    @CommandHandler
    public PaymentState handle(ConfirmPayment command) {
        Objects.requireNonNull(command.debitOperationId(), "debit operation id is required");
        if (state != PaymentState.RESERVED) {
            throw new InvalidStateException(paymentId, state, "debit");
        }
        if (!command.confirmedAt().isBefore(expiresAt)) {
            throw new InvalidStateException(paymentId, state, "debit: the reservation expired at " + expiresAt);
        }
        if (!command.amount().equals(socialAmount)) {
            throw new AmountMismatchException(paymentId, "debit", socialAmount,
                    command.amount());
        }
        apply(new PaymentConfirmed(paymentId, command.debitOperationId(), command.amount(), settings,
                command.replyTo(), command.confirmedAt()));
        return state;
    }

    @CommandHandler
    public PaymentState handle(RecordDebit command) {
        requireOperation("debit", debitOperationId, command.debitOperationId());
        if (debitOutcome == Outcome.SUCCEEDED && command.amount().equals(debitedAmount)) {
            return state;
        }
        if (debitOutcome != Outcome.UNKNOWN) {
            throw new ConflictingOutcomeException(paymentId, debitOperationId, debitOutcome.name(),
                    "DEBITED " + command.amount());
        }
        if (!command.amount().equals(socialAmount)) {
            throw new InvalidServiceAnswerException(paymentId,
                    "debited " + command.amount() + " but the reserved social amount is " + socialAmount);
        }
        boolean late = isCancelling();
        requireStateOrLate(PaymentState.CONFIRMED, late, "record a debit");
        apply(new PaymentDebited(paymentId, debitOperationId, command.amount(), copy(command.bankData()),
                command.debitedAt(), late));
        return state;
    }

    @CommandHandler
    public PaymentState handle(RecordDebitDecline command) {
        requireOperation("debit", debitOperationId, command.debitOperationId());
        if (debitOutcome == Outcome.DECLINED) {
            return state;
        }
        if (debitOutcome != Outcome.UNKNOWN) {
            throw new ConflictingOutcomeException(paymentId, debitOperationId, debitOutcome.name(),
                    "DECLINED " + command.reason());
        }
        boolean late = isCancelling();
        requireStateOrLate(PaymentState.CONFIRMED, late, "record a declined debit");
        apply(new DebitDeclined(paymentId, debitOperationId, command.reason(), command.declinedAt(), late));
        if (!late) {
            // The service may still hold the reservation: release it (domain.md, CONFIRMED row).
            Objects.requireNonNull(command.cancelOperationId(), "cancel operation id is required");
            apply(new CancelRequested(paymentId, command.cancelOperationId(), reserveOperationId,
                    CancelInitiator.DEBIT_DECLINED,
                    "debit declined: " + command.reason(), PaymentState.CONFIRMED, settings, null, command.declinedAt(),
                    giveUpAt(command.declinedAt())));
        }
        return state;
    }

    @CommandHandler
    public PaymentState handle(RequestCancel command) {
        Objects.requireNonNull(command.cancelOperationId(), "cancel operation id is required");
        if (command.initiator() == CancelInitiator.DEBIT_DECLINED) {
            throw new IllegalArgumentException("a cancel after a declined debit follows RecordDebitDecline");
        }
        boolean expiry = command.initiator() == CancelInitiator.EXPIRY;
        switch (state) {
            case CANCELLING, CANCELLED:
                return state; // already cancelling or cancelled: the same answer again
            case REQUESTED, RESERVED:
                if (expiry && command.requestedAt().isBefore(expiresAt)) {
                    throw new NotDueException(paymentId, "expiry", expiresAt, command.requestedAt());
                }
                break;
            case CONFIRMED, DEBITED:
                if (expiry) {
                    // The buyer confirmed in time; the debit's outcome decides, not the clock.
                    throw new InvalidStateException(paymentId, state, "expire a payment whose debit was asked for");
                }
                break;
            default:
                throw new InvalidStateException(paymentId, state, "cancel");
        }
        apply(new CancelRequested(paymentId, command.cancelOperationId(), reserveOperationId, command.initiator(),
                command.reason(),
                state, settings, command.replyTo(), command.requestedAt(), giveUpAt(command.requestedAt())));
        return state;
    }

    @CommandHandler
    public PaymentState handle(RecordCancellation command, ReceiptClaims receiptClaims) {
        requireOperation("cancel", cancelOperationId, command.cancelOperationId());
        if (cancelConfirmed) {
            return state;
        }
        if (state == PaymentState.CANCELLING) {
            apply(new PaymentCancelled(paymentId, cancelOperationId, copy(command.bankData()), command.cancelledAt(),
                    false));
        } else if (state == PaymentState.CANCEL_EXPIRED) {
            apply(new PaymentCancelled(paymentId, cancelOperationId, copy(command.bankData()), command.cancelledAt(),
                    true));
        } else {
            throw new InvalidStateException(paymentId, state, "record a cancellation");
        }
        // Nothing is held any more, even when the confirmation came after giving up.
        receiptClaims.release(paymentId);
        return state;
    }

    @CommandHandler
    public PaymentState handle(ExpireCancel command) {
        requireOperation("cancel", cancelOperationId, command.cancelOperationId());
        if (state == PaymentState.CANCEL_EXPIRED) {
            return state;
        }
        if (state != PaymentState.CANCELLING) {
            throw new InvalidStateException(paymentId, state, "give up the cancel");
        }
        if (cancelGiveUpAt == null) {
            throw new InvalidStateException(paymentId, state,
                    "give up a cancel that is retried forever (cancel_lifetime 0)");
        }
        if (command.expiredAt().isBefore(cancelGiveUpAt)) {
            throw new NotDueException(paymentId, "giving up the cancel", cancelGiveUpAt, command.expiredAt());
        }
        apply(new CancelExpired(paymentId, cancelOperationId, command.expiredAt()));
        return state;
    }

    @CommandHandler
    public PaymentState handle(RequestRefund command) {
        Objects.requireNonNull(command.refundOperationId(), "refund operation id is required");
        if (command.refundReceiptId() == null || command.refundReceiptId().isBlank()) {
            throw new IllegalArgumentException("refund receipt id is required");
        }
        if (state != PaymentState.DEBITED) {
            throw new InvalidStateException(paymentId, state, "refund");
        }
        if (!sameLines(command.items(), socialLines)) {
            throw new PartialRefundNotAllowedException(paymentId, socialLines, command.items());
        }
        apply(new RefundRequested(paymentId, command.refundOperationId(), reserveOperationId, command.refundReceiptId(),
                List.copyOf(command.items()), debitedAmount, settings, command.replyTo(), command.requestedAt()));
        return state;
    }

    @CommandHandler
    public PaymentState handle(RecordRefund command, ReceiptClaims receiptClaims) {
        requireOperation("refund", refundOperationId, command.refundOperationId());
        if (state == PaymentState.REFUNDED) {
            return state;
        }
        if (state != PaymentState.REFUNDING) {
            throw new InvalidStateException(paymentId, state, "record a refund");
        }
        if (!command.amount().equals(refundAmount)) {
            throw new InvalidServiceAnswerException(paymentId,
                    "refunded " + command.amount() + " but the debited amount is " + refundAmount);
        }
        apply(new PaymentRefunded(paymentId, refundOperationId, command.amount(), copy(command.bankData()),
                command.refundedAt()));
        releaseClaimIfFinal(receiptClaims);
        return state;
    }

    @CommandHandler
    public PaymentState handle(RecordRefundDecline command) {
        requireOperation("refund", refundOperationId, command.refundOperationId());
        if (state != PaymentState.REFUNDING) {
            throw new InvalidStateException(paymentId, state, "record a declined refund");
        }
        apply(new RefundDeclined(paymentId, refundOperationId, command.reason(), command.declinedAt()));
        return state;
    }

    // --- decisions -------------------------------------------------------------------------

    private void requireOperation(String kind, OperationId expected, OperationId given) {
        if (expected == null || !expected.equals(given)) {
            throw new UnknownOperationException(paymentId, kind, given);
        }
    }

    /**
     * A receipt stays claimed while its payment is active, and also in CANCEL_EXPIRED: money may
     * still be held there and a person must look before the receipt is paid again.
     */
    private void releaseClaimIfFinal(ReceiptClaims receiptClaims) {
        if (state.isFinal() && state != PaymentState.CANCEL_EXPIRED) {
            receiptClaims.release(paymentId);
        }
    }

    /** The payment is (or was) being cancelled: answers that arrive now are late. */
    private boolean isCancelling() {
        return state == PaymentState.CANCELLING || state == PaymentState.CANCELLED
                || state == PaymentState.CANCEL_EXPIRED;
    }

    private void requireStateOrLate(PaymentState expected, boolean late, String attempted) {
        if (!late && state != expected) {
            throw new InvalidStateException(paymentId, state, attempted);
        }
    }

    /** social amount = sum of approved lines, each line on the receipt and no more than it costs. */
    private void checkReservationFitsReceipt(List<SocialLine> lines, Money amount) {
        if (lines == null || lines.isEmpty()) {
            throw new InvalidServiceAnswerException(paymentId, "RESERVED without social lines");
        }
        Set<Integer> seen = new HashSet<>();
        for (SocialLine line : lines) {
            if (!seen.add(line.line())) {
                throw new InvalidServiceAnswerException(paymentId, "line " + line.line() + " approved twice");
            }
            ReceiptLine onReceipt = receipt.line(line.line()).orElseThrow(() -> new InvalidServiceAnswerException(
                    paymentId, "line " + line.line() + " is not on receipt " + receipt.id()));
            if (line.amount().isGreaterThan(onReceipt.amount())) {
                throw new InvalidServiceAnswerException(paymentId, "line " + line.line() + " approved for "
                        + line.amount() + " but costs " + onReceipt.amount());
            }
        }
        Money sum = SocialLines.total(lines);
        if (!sum.equals(amount)) {
            throw new InvalidServiceAnswerException(paymentId,
                    "social amount " + amount + " but the approved lines add up to " + sum);
        }
        if (amount.isZero()) {
            throw new InvalidServiceAnswerException(paymentId, "RESERVED nothing (0 kop)");
        }
    }

    private Instant giveUpAt(Instant cancelRequestedAt) {
        return settings.cancelsForever() ? null : cancelRequestedAt.plus(settings.cancelLifetime());
    }

    private static boolean sameLines(List<SocialLine> given, List<SocialLine> expected) {
        if (given == null || given.size() != expected.size()) {
            return false;
        }
        Map<Integer, Money> byLine = new HashMap<>();
        for (SocialLine line : given) {
            if (byLine.put(line.line(), line.amount()) != null) {
                return false;
            }
        }
        return expected.stream().allMatch(line -> line.amount().equals(byLine.get(line.line())));
    }

    private static Map<String, String> copy(Map<String, String> bankData) {
        return bankData == null ? Map.of() : Map.copyOf(bankData);
    }

    // --- state changes ---------------------------------------------------------------------

    @EventSourcingHandler
    void on(ReservationRequested event) {
        paymentId = event.paymentId();
        state = PaymentState.REQUESTED;
        receipt = event.receipt();
        settings = event.settings();
        expiresAt = event.expiresAt();
        reserveOperationId = event.reserveOperationId();
        reserveOutcome = Outcome.UNKNOWN;
    }

    @EventSourcingHandler
    void on(PaymentReserved event) {
        reserveOutcome = Outcome.SUCCEEDED;
        socialLines = event.socialLines();
        socialAmount = event.socialAmount();
        if (!event.late()) {
            state = PaymentState.RESERVED;
        }
    }

    @EventSourcingHandler
    void on(ReservationDeclined event) {
        reserveOutcome = Outcome.DECLINED;
        if (!event.late()) {
            state = PaymentState.DECLINED;
        }
    }

    @EventSourcingHandler
    void on(PaymentConfirmed event) {
        debitOperationId = event.debitOperationId();
        debitOutcome = Outcome.UNKNOWN;
        state = PaymentState.CONFIRMED;
    }

    @EventSourcingHandler
    void on(PaymentDebited event) {
        debitOutcome = Outcome.SUCCEEDED;
        debitedAmount = event.amount();
        if (!event.late()) {
            state = PaymentState.DEBITED;
        }
    }

    @EventSourcingHandler
    void on(DebitDeclined event) {
        debitOutcome = Outcome.DECLINED;
    }

    @EventSourcingHandler
    void on(CancelRequested event) {
        cancelOperationId = event.cancelOperationId();
        cancelGiveUpAt = event.giveUpAt();
        state = PaymentState.CANCELLING;
    }

    @EventSourcingHandler
    void on(PaymentCancelled event) {
        cancelConfirmed = true;
        if (!event.late()) {
            state = PaymentState.CANCELLED;
        }
    }

    @EventSourcingHandler
    void on(CancelExpired event) {
        state = PaymentState.CANCEL_EXPIRED;
    }

    @EventSourcingHandler
    void on(RefundRequested event) {
        refundOperationId = event.refundOperationId();
        refundAmount = event.amount();
        state = PaymentState.REFUNDING;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        state = PaymentState.REFUNDED;
    }

    @EventSourcingHandler
    void on(RefundDeclined event) {
        state = PaymentState.DEBITED;
    }
}
