package org.socialledger.payment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Cause;
import org.socialledger.api.payment.InvalidServiceAnswerException;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentRefusedException;
import org.socialledger.api.payment.command.ExpireCancel;
import org.socialledger.api.payment.command.RecordCancellation;
import org.socialledger.api.payment.command.RecordDebit;
import org.socialledger.api.payment.command.RecordDebitDecline;
import org.socialledger.api.payment.command.RecordRefund;
import org.socialledger.api.payment.command.RecordRefundDecline;
import org.socialledger.api.payment.command.RecordReservation;
import org.socialledger.api.payment.command.RecordReservationDecline;
import org.socialledger.api.payment.command.RequestCancel;
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
import org.socialledger.bank.CancelCall;
import org.socialledger.bank.DebitCall;
import org.socialledger.bank.RefundCall;
import org.socialledger.bank.ReserveCall;
import org.socialledger.bank.ServiceAnswer;
import org.socialledger.bank.SocialProcessingService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives one payment's operations to a known outcome, whatever the service or the network does.
 *
 * <p>Each operation (reserve, debit, cancel, refund) is sent when its intent event is stored,
 * and a check is due after the call's timeout and an interval; an answer that settles it comes
 * back as a command to the aggregate, whose event clears the check. An operation still unknown
 * when its check is due is asked about ({@code GET /operations/{id}}) every {@code interval}; one
 * the service never received is sent again under the same operation id. A reservation not debited
 * by qrTtl is cancelled; a cancel is retried until the service confirms it or cancel_lifetime runs out.
 *
 * <p>The saga keeps when each of those is due and holds one persistent deadline, the wake-up, at
 * the earliest of them (or earlier: a wake-up that finds nothing due just sets the next one). It is
 * moved only when something becomes due sooner, and cancelled when the saga ends. On the usual way
 * from reserve to debit that is one deadline scheduled and one cancelled, where a deadline per
 * check and one for expiry were three of each: nine statements of the forty-seven a payment cost
 * (BENCHMARKS.md).
 *
 * <p>Handlers never wait for the service: calls are asynchronous and their answers arrive as
 * commands. The saga ends when the payment rests (final, or debited) with nothing unknown.
 */
@Saga
@ProcessingGroup(PaymentSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public class PaymentSaga {

    public static final String PROCESSING_GROUP = "payment-saga";
    static final String WAKE_UP = "wake-up";
    /** Deadlines an earlier version scheduled, one per check, expiry and give-up; still handled. */
    static final String CHECK = "check";
    static final String EXPIRY = "expiry";
    static final String GIVE_UP = "give-up-cancel";
    static final String RESERVE = "reserve";
    static final String DEBIT = "debit";
    static final String CANCEL = "cancel";
    static final String REFUND = "refund";
    /** Reason recorded when, with the cancel confirmed, the service says it never got the reserve. */
    static final String NOT_RECEIVED = "NOT_RECEIVED";

    private static final Logger log = LoggerFactory.getLogger(PaymentSaga.class);

    /** Payload of an earlier version's check deadline: which operation to ask about. */
    public record Check(String kind) {
    }

    private PaymentId paymentId;
    private MerchantSettings settings;
    private OperationId reserveOperationId;
    /** Operation id per kind, for the operations sent so far. */
    private Map<String, OperationId> operations = new HashMap<>();
    /** Kinds whose outcome is not known yet. */
    private Set<String> unknown = new HashSet<>();
    /** When each unknown operation is next asked about. */
    private Map<String, Instant> checkAt = new HashMap<>();
    /** qrTtl: when a reservation nobody confirmed or cancelled is cancelled. */
    private Instant expiresAt;
    /** cancel_lifetime: when a cancel still unknown is handed to a person. */
    private Instant giveUpAt;
    /** The one scheduled deadline, and when it fires. */
    private String wakeUp;
    private Instant wakeUpAt;
    private boolean confirmed;
    private boolean cancelling;
    private boolean cancelConfirmed;
    /** The payment rests: final, or debited and waiting for nothing. */
    private boolean resting;

    // Axon injects a saga's resources after loading it; that is the one place this project uses
    // setter injection (a saga is rebuilt from its stored JSON, not constructed by Spring).
    @JsonIgnore
    private transient CommandGateway commands;
    @JsonIgnore
    private transient DeadlineManager deadlines;
    @JsonIgnore
    private transient SocialProcessingService bank;
    @JsonIgnore
    private transient PaymentIntents intents;
    @JsonIgnore
    private transient Clock clock;

    @Autowired
    public void setCommands(CommandGateway commands) {
        this.commands = commands;
    }

    @Autowired
    public void setDeadlines(DeadlineManager deadlines) {
        this.deadlines = deadlines;
    }

    @Autowired
    public void setBank(SocialProcessingService bank) {
        this.bank = bank;
    }

    @Autowired
    public void setIntents(PaymentIntents intents) {
        this.intents = intents;
    }

    @Autowired
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    // --- the operations --------------------------------------------------------------------

    @StartSaga
    @SagaEventHandler(associationProperty = "paymentId")
    void on(ReservationRequested event) {
        paymentId = event.paymentId();
        settings = event.settings();
        reserveOperationId = event.reserveOperationId();
        expiresAt = event.expiresAt();
        start(RESERVE, event.reserveOperationId(), event);
        wakeWhenDue();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentConfirmed event) {
        confirmed = true;
        expiresAt = null;
        start(DEBIT, event.debitOperationId(), event);
        wakeWhenDue();
    }

    @StartSaga(forceNew = false)
    @SagaEventHandler(associationProperty = "paymentId")
    void on(CancelRequested event) {
        adopt(event.paymentId(), event.settings(), event.reserveOperationId());
        cancelling = true;
        resting = false;
        expiresAt = null;
        if (event.giveUpAt() != null) {
            giveUpAt = event.giveUpAt();
        }
        start(CANCEL, event.cancelOperationId(), event);
        wakeWhenDue();
    }

    @StartSaga(forceNew = false)
    @SagaEventHandler(associationProperty = "paymentId")
    void on(RefundRequested event) {
        adopt(event.paymentId(), event.settings(), event.reserveOperationId());
        resting = false;
        start(REFUND, event.refundOperationId(), event);
        wakeWhenDue();
    }

    // --- outcomes --------------------------------------------------------------------------

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentReserved event) {
        known(RESERVE);
        endIfDone();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(ReservationDeclined event) {
        known(RESERVE);
        if (!event.late()) {
            resting = true;
        }
        endIfDone();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentDebited event) {
        known(DEBIT);
        if (!event.late()) {
            resting = true;
        }
        endIfDone();
    }

    /** The aggregate follows a declined debit with a CancelRequested; that starts the cancel. */
    @SagaEventHandler(associationProperty = "paymentId")
    void on(DebitDeclined event) {
        known(DEBIT);
        endIfDone();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentCancelled event) {
        known(CANCEL);
        cancelConfirmed = true;
        resting = true;
        giveUpAt = null;
        endIfDone();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(CancelExpired event) {
        // A person takes over; the saga stops retrying the cancel.
        known(CANCEL);
        resting = true;
        giveUpAt = null;
        endIfDone();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentRefunded event) {
        known(REFUND);
        resting = true;
        endIfDone();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(RefundDeclined event) {
        known(REFUND);
        resting = true;
        endIfDone();
    }

    // --- deadlines -------------------------------------------------------------------------

    @DeadlineHandler(deadlineName = WAKE_UP)
    void wakeUp() {
        wakeUp = null;
        wakeUpAt = null;
        actOnWhatIsDue();
    }

    /** An earlier version's check: its operation is due now (a known one needs nothing). */
    @DeadlineHandler(deadlineName = CHECK)
    void check(Check check) {
        if (unknown.contains(check.kind())) {
            checkAt.put(check.kind(), clock.instant());
        }
        actOnWhatIsDue();
    }

    /** An earlier version's expiry; its saga kept no time for it. */
    @DeadlineHandler(deadlineName = EXPIRY)
    void expire() {
        if (!confirmed && !cancelling) {
            expiresAt = clock.instant();
        }
        actOnWhatIsDue();
    }

    /** An earlier version's give-up; its saga kept no time for it. */
    @DeadlineHandler(deadlineName = GIVE_UP)
    void giveUp() {
        if (unknown.contains(CANCEL)) {
            giveUpAt = clock.instant();
        }
        actOnWhatIsDue();
    }

    private void actOnWhatIsDue() {
        Instant now = clock.instant();
        if (due(expiresAt, now)) {
            expiresAt = null;
            if (!confirmed && !cancelling) {
                sendCommand(new RequestCancel(paymentId, OperationId.random(), CancelInitiator.EXPIRY, "qrTtl passed",
                        null, now), "expiry");
            }
        }
        if (due(giveUpAt, now)) {
            giveUpAt = null;
            OperationId cancel = operations.get(CANCEL);
            if (cancel != null && unknown.contains(CANCEL)) {
                sendCommand(new ExpireCancel(paymentId, cancel, now), "give-up-cancel");
            }
        }
        for (String kind : Set.copyOf(checkAt.keySet())) {
            if (due(checkAt.get(kind), now)) {
                checkAt.put(kind, now.plus(settings.interval()));
                ask(kind);
            }
        }
        wakeWhenDue();
    }

    private static boolean due(Instant at, Instant now) {
        return at != null && !at.isAfter(now);
    }

    /** An operation's outcome is still unknown: ask the service; the next check is already set. */
    private void ask(String kind) {
        Operation operation = operation(kind);
        // Once cancelling, a reserve is never sent again: the cancel releases whatever it held,
        // and after the cancel is confirmed a 404 means the service never had the reservation.
        boolean resend = !(RESERVE.equals(kind) && cancelling);
        boolean neverReceived = RESERVE.equals(kind) && cancelConfirmed;
        bank.operation(settings, operation.operationId()).thenAccept(answer -> {
            if (answer instanceof ServiceAnswer.NotFound) {
                if (neverReceived) {
                    operation.record(new ServiceAnswer.Declined(NOT_RECEIVED));
                } else if (resend) {
                    operation.send();
                }
            } else {
                operation.record(answer);
            }
        });
    }

    /**
     * Makes sure the wake-up fires no later than the earliest thing due. A wake-up that is already
     * earlier stays: it costs a spurious wake-up at worst, where moving it costs a cancel and a schedule
     * each time an operation settles.
     */
    private void wakeWhenDue() {
        Instant next = earliest();
        if (next == null) {
            cancelWakeUp();
        } else if (wakeUp == null || next.isBefore(wakeUpAt)) {
            cancelWakeUp();
            wakeUp = deadlines.schedule(next, WAKE_UP);
            wakeUpAt = next;
        }
    }

    private Instant earliest() {
        Instant next = earlier(expiresAt, giveUpAt);
        for (Instant at : checkAt.values()) {
            next = earlier(next, at);
        }
        return next;
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return b.isBefore(a) ? b : a;
    }

    private void cancelWakeUp() {
        if (wakeUp != null) {
            deadlines.cancelSchedule(WAKE_UP, wakeUp);
            wakeUp = null;
            wakeUpAt = null;
        }
    }

    // --- the machinery ---------------------------------------------------------------------

    private void adopt(PaymentId payment, MerchantSettings paymentSettings, OperationId reserve) {
        if (paymentId == null) {
            paymentId = payment;
            settings = paymentSettings;
            reserveOperationId = reserve;
        }
    }

    /**
     * Sends the operation now and sets the check that resolves it if no clear answer comes. The
     * intent is the event in hand: reading it back from the store, as a resend does, cost two reads
     * of the payment's history a payment.
     */
    private void start(String kind, OperationId operationId, Object intent) {
        operations.put(kind, operationId);
        unknown.add(kind);
        // The first check waits out the call's own time limit, so it does not race the answer.
        checkAt.put(kind, clock.instant().plus(settings.timeout()).plus(settings.interval()));
        operation(kind, intent).send();
    }

    private void known(String kind) {
        unknown.remove(kind);
        checkAt.remove(kind);
    }

    private void endIfDone() {
        if (resting && unknown.isEmpty()) {
            cancelWakeUp();
            SagaLifecycle.end();
        } else {
            wakeWhenDue();
        }
    }

    /**
     * One operation, fixed at the moment it is looked at: callbacks on other threads use this
     * immutable copy, never the saga's fields.
     */
    private Operation operation(String kind) {
        return operation(kind, null);
    }

    /** The same, with the intent taken from {@code inHand} when it is the one the operation needs. */
    private Operation operation(String kind, Object inHand) {
        OperationId operationId = operations.get(kind);
        return switch (kind) {
            case RESERVE -> {
                ReservationRequested intent = intent(ReservationRequested.class, inHand);
                ReserveCall call = new ReserveCall(operationId, intent.receipt().id(), intent.card(),
                        intent.receipt().items(), intent.receipt().total(), settings.qrTtl().toSeconds());
                yield new Operation(kind, operationId, () -> bank.reserve(settings, call));
            }
            case DEBIT -> {
                PaymentConfirmed intent = intent(PaymentConfirmed.class, inHand);
                DebitCall call = new DebitCall(operationId, reserveOperationId, intent.amount());
                yield new Operation(kind, operationId, () -> bank.debit(settings, call));
            }
            case CANCEL -> {
                CancelRequested intent = intent(CancelRequested.class, inHand);
                CancelCall call = new CancelCall(operationId, reserveOperationId, intent.reason());
                yield new Operation(kind, operationId, () -> bank.cancel(settings, call));
            }
            case REFUND -> {
                RefundRequested intent = intent(RefundRequested.class, inHand);
                RefundCall call = new RefundCall(operationId, reserveOperationId, intent.refundReceiptId(),
                        intent.amount(), intent.items());
                yield new Operation(kind, operationId, () -> bank.refund(settings, call));
            }
            default -> throw new IllegalArgumentException("no such operation: " + kind);
        };
    }

    private <T> T intent(Class<T> type, Object inHand) {
        if (type.isInstance(inHand)) {
            return type.cast(inHand);
        }
        return intents.latest(paymentId, type).orElseThrow(() -> new IllegalStateException(
                "payment " + paymentId + " has no " + type.getSimpleName()));
    }

    private final class Operation {
        private final String kind;
        private final OperationId operationId;
        private final java.util.function.Supplier<CompletableFuture<ServiceAnswer>> call;
        private final PaymentId payment = paymentId;

        Operation(String kind, OperationId operationId,
                  java.util.function.Supplier<CompletableFuture<ServiceAnswer>> call) {
            this.kind = kind;
            this.operationId = operationId;
            this.call = call;
        }

        OperationId operationId() {
            return operationId;
        }

        void send() {
            call.get().thenAccept(this::record);
        }

        /** A settling answer becomes the aggregate's command; anything else waits for the next check. */
        void record(ServiceAnswer answer) {
            Object command = command(answer);
            if (command == null) {
                log.debug("Operation {} {} of payment {}: {}", kind, operationId, payment, answer);
                return;
            }
            sendCommand(command, kind + " answer");
        }

        private Object command(ServiceAnswer answer) {
            var now = clock.instant();
            if (RESERVE.equals(kind) && answer instanceof ServiceAnswer.Reserved reserved) {
                return new RecordReservation(payment, operationId, reserved.reservationId(), reserved.items(),
                        reserved.amount(), reserved.data(), now);
            }
            if (RESERVE.equals(kind) && answer instanceof ServiceAnswer.Declined declined) {
                return new RecordReservationDecline(payment, operationId, declined.reason(), now);
            }
            if (DEBIT.equals(kind) && answer instanceof ServiceAnswer.Debited debited) {
                return new RecordDebit(payment, operationId, debited.amount(), debited.data(), now);
            }
            if (DEBIT.equals(kind) && answer instanceof ServiceAnswer.Declined declined) {
                return new RecordDebitDecline(payment, operationId, declined.reason(), OperationId.random(), now);
            }
            if (CANCEL.equals(kind) && answer instanceof ServiceAnswer.Cancelled cancelled) {
                return new RecordCancellation(payment, operationId, cancelled.data(), now);
            }
            if (REFUND.equals(kind) && answer instanceof ServiceAnswer.Refunded refunded) {
                return new RecordRefund(payment, operationId, refunded.amount(), refunded.data(), now);
            }
            if (REFUND.equals(kind) && answer instanceof ServiceAnswer.Declined declined) {
                return new RecordRefundDecline(payment, operationId, declined.reason(), now);
            }
            if (answer.isKnown()) {
                // e.g. a cancel "declined": the service must release; keep asking until it says so.
                log.warn("Operation {} {} of payment {} answered {}; asking again later", kind, operationId,
                        payment, answer);
            }
            return null;
        }
    }

    private void sendCommand(Object command, String detail) {
        PaymentId payment = paymentId;
        CompletableFuture<Object> sent = commands.send(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.with(Cause.KIND, Cause.SAGA).and(Cause.DETAIL, detail)));
        sent.exceptionally(failure -> {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof InvalidServiceAnswerException invalid) {
                // The service said something that does not add up: release whatever it may hold.
                log.error("Not trusting the service's answer for payment {}: {}", payment, invalid.getMessage());
                commands.send(GenericCommandMessage.asCommandMessage(new RequestCancel(payment, OperationId.random(),
                                CancelInitiator.LEDGER, "inconsistent answer: " + invalid.problem(), null,
                                clock.instant()))
                        .withMetaData(MetaData.with(Cause.KIND, Cause.SAGA).and(Cause.DETAIL, "distrust")));
            } else if (cause instanceof PaymentRefusedException refused) {
                // The payment moved on meanwhile (already expired, already cancelled, ...).
                log.debug("Payment {} refused {}: {}", payment, command.getClass().getSimpleName(), refused.getMessage());
            } else {
                log.warn("Could not record {} for payment {}; the next check will try again: {}",
                        command.getClass().getSimpleName(), payment, cause.toString());
            }
            return null;
        });
    }
}
