package org.socialledger.payment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Clock;
import java.time.Duration;
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
 * and a persistent "check" deadline is set; an answer that settles it comes back as a command to
 * the aggregate, whose event cancels the check. An operation still unknown when its check fires
 * is asked about ({@code GET /operations/{id}}) every {@code interval}; one the service never
 * received is sent again under the same operation id. A reservation not debited by qrTtl is
 * cancelled; a cancel is retried until the service confirms it or cancel_lifetime runs out.
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

    /** Deadline payload: which operation to ask about. */
    public record Check(String kind) {
    }

    private PaymentId paymentId;
    private MerchantSettings settings;
    private OperationId reserveOperationId;
    /** Operation id per kind, for the operations sent so far. */
    private Map<String, OperationId> operations = new HashMap<>();
    /** Kinds whose outcome is not known yet. */
    private Set<String> unknown = new HashSet<>();
    /** Deadline id of the next check, per kind. */
    private Map<String, String> checks = new HashMap<>();
    private String expiryDeadline;
    private String giveUpDeadline;
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
        expiryDeadline = deadlines.schedule(event.expiresAt(), EXPIRY);
        start(RESERVE, event.reserveOperationId(), event);
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentConfirmed event) {
        confirmed = true;
        cancelDeadline(EXPIRY, expiryDeadline);
        expiryDeadline = null;
        start(DEBIT, event.debitOperationId(), event);
    }

    @StartSaga(forceNew = false)
    @SagaEventHandler(associationProperty = "paymentId")
    void on(CancelRequested event) {
        adopt(event.paymentId(), event.settings(), event.reserveOperationId());
        cancelling = true;
        resting = false;
        cancelDeadline(EXPIRY, expiryDeadline);
        expiryDeadline = null;
        if (event.giveUpAt() != null) {
            giveUpDeadline = deadlines.schedule(event.giveUpAt(), GIVE_UP);
        }
        start(CANCEL, event.cancelOperationId(), event);
    }

    @StartSaga(forceNew = false)
    @SagaEventHandler(associationProperty = "paymentId")
    void on(RefundRequested event) {
        adopt(event.paymentId(), event.settings(), event.reserveOperationId());
        resting = false;
        start(REFUND, event.refundOperationId(), event);
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
        cancelDeadline(GIVE_UP, giveUpDeadline);
        giveUpDeadline = null;
        endIfDone();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(CancelExpired event) {
        // A person takes over; the saga stops retrying the cancel.
        known(CANCEL);
        resting = true;
        giveUpDeadline = null;
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

    /** An operation's outcome is still unknown: ask the service, and come back after {@code interval}. */
    @DeadlineHandler(deadlineName = CHECK)
    void check(Check check) {
        String kind = check.kind();
        checks.remove(kind);
        if (!unknown.contains(kind)) {
            return;
        }
        scheduleCheck(kind, settings.interval());
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

    @DeadlineHandler(deadlineName = EXPIRY)
    void expire() {
        expiryDeadline = null;
        if (confirmed || cancelling) {
            return;
        }
        sendCommand(new RequestCancel(paymentId, OperationId.random(), CancelInitiator.EXPIRY, "qrTtl passed", null,
                clock.instant()), "expiry");
    }

    @DeadlineHandler(deadlineName = GIVE_UP)
    void giveUp() {
        giveUpDeadline = null;
        OperationId cancel = operations.get(CANCEL);
        if (cancel != null && unknown.contains(CANCEL)) {
            sendCommand(new ExpireCancel(paymentId, cancel, clock.instant()), "give-up-cancel");
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
        scheduleCheck(kind, settings.timeout().plus(settings.interval()));
        operation(kind, intent).send();
    }

    private void scheduleCheck(String kind, Duration after) {
        cancelDeadline(CHECK, checks.get(kind));
        checks.put(kind, deadlines.schedule(clock.instant().plus(after), CHECK, new Check(kind)));
    }

    private void known(String kind) {
        unknown.remove(kind);
        cancelDeadline(CHECK, checks.remove(kind));
    }

    private void endIfDone() {
        if (resting && unknown.isEmpty()) {
            cancelDeadline(EXPIRY, expiryDeadline);
            cancelDeadline(GIVE_UP, giveUpDeadline);
            SagaLifecycle.end();
        }
    }

    private void cancelDeadline(String name, String id) {
        if (id != null) {
            deadlines.cancelSchedule(name, id);
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
