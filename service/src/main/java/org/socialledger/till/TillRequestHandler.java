package org.socialledger.till;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonTransientException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialledger.api.payment.AmountMismatchException;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Cause;
import org.socialledger.api.payment.InvalidStateException;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PartialRefundNotAllowedException;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentRefusedException;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.ReceiptInProgressException;
import org.socialledger.api.payment.ReplyAddress;
import org.socialledger.api.payment.command.ConfirmPayment;
import org.socialledger.api.payment.command.RequestCancel;
import org.socialledger.api.payment.command.RequestRefund;
import org.socialledger.api.payment.command.RequestReservation;
import org.socialledger.config.ConfigurationCache;
import org.socialledger.config.Resolution;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * One till request, start to finish, without AMQP: validate, act at most once per message_id,
 * answer what can be answered now. Outcomes the service decides later are answered by
 * {@link TillReplier} from the events.
 */
@Component
public class TillRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(TillRequestHandler.class);

    private final TillRequestParser parser = new TillRequestParser();
    private final TillRequestStore store;
    private final TillReplies replies;
    private final ReplyPublisher publisher;
    private final ReplyOutbox outbox;
    private final PaymentStatusReader status;
    private final ReceiptLookup receipts;
    private final ConfigurationCache configuration;
    private final CommandGateway commands;
    private final TillSettings settings;
    private final Clock clock;

    public TillRequestHandler(TillRequestStore store, TillReplies replies, ReplyPublisher publisher,
                              ReplyOutbox outbox, PaymentStatusReader status, ReceiptLookup receipts,
                              ConfigurationCache configuration, CommandGateway commands, TillSettings settings,
                              Clock clock) {
        this.store = store;
        this.replies = replies;
        this.publisher = publisher;
        this.outbox = outbox;
        this.status = status;
        this.receipts = receipts;
        this.configuration = configuration;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    public Disposition handle(IncomingRequest in) {
        if (in.messageId() == null || in.messageId().isBlank()) {
            return refuse(in, parser.operationOf(in.body()), ErrorCode.MALFORMED,
                    "message_id is required: it is the idempotency key of every request");
        }
        TillRequestParser.Parsed parsed;
        try {
            parsed = parser.parse(in.body());
        } catch (TillRequestException e) {
            return refuse(in, parser.operationOf(in.body()), e.code(), e.getMessage());
        }
        try {
            if (parsed.request() instanceof TillRequest.Status query) {
                Optional<TillRequestStore.Row> recorded = store.find(in.messageId());
                return recorded.isPresent() ? repeat(recorded.get(), parsed, in) : reply(in, answerStatus(query));
            }
            // An acting request is not looked up first: its command records the message_id before
            // anything else (TillRequestRecorder), and a repeat is refused there and answered below
            // (DuplicateTillRequestException). Repeats are rare; the lookup was two statements a payment.
            return act(in, parsed);
        } catch (DataAccessException | TransactionException | EventStoreException | AxonTransientException e) {
            log.warn("Cannot record till request {} now: {}", in.messageId(), e.toString());
            if (!in.wantsReply()) {
                return new Disposition.Retry(e.getClass().getSimpleName());
            }
            return reply(in, replies.error(parsed.request().operation(), ErrorCode.UNAVAILABLE,
                    "the ledger cannot record requests at the moment; retry with the same message_id"));
        }
    }

    private Disposition act(IncomingRequest in, TillRequestParser.Parsed parsed) {
        TillRequest request = parsed.request();
        Instant now = clock.instant();
        ReplyAddress replyTo = in.wantsReply() ? new ReplyAddress(in.replyTo(), in.replyCorrelationId()) : null;
        PaymentId paymentId;
        Object command;
        if (request instanceof TillRequest.Reserve reserve) {
            Resolution resolution = configuration.resolve(reserve.storeId(), reserve.terminalId());
            if (resolution instanceof Resolution.Unresolved unresolved) {
                // A repeat of a reserve that acted is answered as it was, whatever the settings say now.
                Optional<TillRequestStore.Row> recorded = store.find(in.messageId());
                if (recorded.isPresent()) {
                    return repeat(recorded.get(), parsed, in);
                }
                return refuse(in, request.operation(), ErrorCode.valueOf(unresolved.failure().name()),
                        unresolved.reason());
            }
            paymentId = PaymentId.random();
            command = new RequestReservation(paymentId, OperationId.random(), reserve.storeId(), reserve.terminalId(),
                    reserve.receipt(), reserve.card(), ((Resolution.Resolved) resolution).settings(), replyTo, now);
        } else if (request instanceof TillRequest.Debit debit) {
            paymentId = debit.paymentId();
            command = new ConfirmPayment(paymentId, OperationId.random(), debit.amount(), replyTo, now);
        } else if (request instanceof TillRequest.Cancel cancel) {
            paymentId = cancel.paymentId();
            command = new RequestCancel(paymentId, OperationId.random(), CancelInitiator.TILL, cancel.reason(), replyTo,
                    now);
        } else if (request instanceof TillRequest.Refund refund) {
            paymentId = refund.paymentId();
            command = new RequestRefund(paymentId, OperationId.random(), refund.refundReceiptId(), refund.items(),
                    replyTo, now);
        } else {
            throw new IllegalStateException("not an acting request: " + request.operation());
        }

        TillRequestStore.Row row = new TillRequestStore.Row(in.messageId(), parsed.fingerprint(), request.operation(),
                paymentId.value(), in.wantsReply() ? in.replyTo() : null, in.replyCorrelationId(), now,
                now.plus(settings.replyDeadline()), null, null);
        Object result;
        try {
            result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .withMetaData(cause(in).and(TillRequestRecorder.ROW, row)));
        } catch (DuplicateTillRequestException duplicate) {
            return repeat(store.find(in.messageId()).orElseThrow(), parsed, in);
        } catch (AggregateNotFoundException unknown) {
            return refuse(in, request.operation(), ErrorCode.UNKNOWN_PAYMENT, "payment " + paymentId + " is not known");
        } catch (PaymentRefusedException refused) {
            return bindRefusal(in, row, refusal(request.operation(), refused));
        } catch (IllegalArgumentException | NullPointerException invalid) {
            return refuse(in, request.operation(), ErrorCode.VALIDATION, Redaction.maskCardNumbers(invalid.getMessage()));
        }

        if (request instanceof TillRequest.Cancel && result == PaymentState.CANCELLED) {
            // Cancelling a cancelled payment answers ok again, at once: no event will come.
            String body = replies.cancelled(paymentId).toString();
            store.answer(in.messageId(), body, now);
            send(in.messageId(), row.replyTo(), row.correlationId(), body);
        }
        return Disposition.ACK;
    }

    /** The same message_id again: the same answer once known, never a second action. */
    private Disposition repeat(TillRequestStore.Row recorded, TillRequestParser.Parsed parsed, IncomingRequest in) {
        if (!recorded.fingerprint().equals(parsed.fingerprint())) {
            return reply(in, replies.error(parsed.request().operation(), ErrorCode.IDEMPOTENCY_CONFLICT,
                    "message_id " + in.messageId() + " was already used for a different " + recorded.operation()
                            + " request; use a new message_id for a new request"));
        }
        if (recorded.reply() != null) {
            if (in.wantsReply()) {
                publisher.publish(in.replyTo(), in.replyCorrelationId(), recorded.reply());
            }
            return Disposition.ACK;
        }
        if (in.wantsReply() && !store.redirect(in.messageId(), in.replyTo(), in.replyCorrelationId())) {
            // Answered while we looked: the update waited for that commit. Send what was decided.
            return repeat(store.find(in.messageId()).orElseThrow(), parsed, in);
        }
        return Disposition.ACK;
    }

    private ObjectNode answerStatus(TillRequest.Status query) {
        Optional<PaymentId> paymentId = query.paymentId() != null
                ? Optional.of(query.paymentId())
                : receipts.find(query.storeId(), query.receiptId());
        Optional<PaymentSnapshot> snapshot = paymentId.flatMap(status::read);
        if (snapshot.isEmpty()) {
            return replies.error("status", ErrorCode.UNKNOWN_PAYMENT, query.paymentId() != null
                    ? "payment " + query.paymentId() + " is not known"
                    : "no payment for receipt " + query.receiptId() + " of store " + query.storeId());
        }
        return replies.status(snapshot.get());
    }

    private ObjectNode refusal(String operation, PaymentRefusedException refused) {
        if (refused instanceof InvalidStateException invalid) {
            return replies.invalidState(operation, invalid.paymentId(), invalid.state(), invalid.getMessage());
        }
        if (refused instanceof ReceiptInProgressException inProgress) {
            return replies.receiptInProgress(inProgress.activePaymentId(), inProgress.getMessage());
        }
        if (refused instanceof AmountMismatchException) {
            return replies.error(operation, ErrorCode.AMOUNT_MISMATCH, refused.getMessage());
        }
        if (refused instanceof PartialRefundNotAllowedException) {
            return replies.error(operation, ErrorCode.PARTIAL_REFUND_NOT_ALLOWED, refused.getMessage());
        }
        return replies.error(operation, ErrorCode.VALIDATION, refused.getMessage());
    }

    /** A payment rule refused the request: the message_id is bound to this answer. */
    private Disposition bindRefusal(IncomingRequest in, TillRequestStore.Row row, ObjectNode reply) {
        String body = reply.toString();
        TillRequestStore.Row answered = new TillRequestStore.Row(row.messageId(), row.fingerprint(), row.operation(),
                row.paymentId(), row.replyTo(), row.correlationId(), row.receivedAt(), row.replyDueAt(), body, null);
        if (!store.insert(answered)) {
            return repeat(store.find(in.messageId()).orElseThrow(), new TillRequestParser.Parsed(null,
                    row.fingerprint()), in);
        }
        send(in.messageId(), row.replyTo(), row.correlationId(), body);
        return Disposition.ACK;
    }

    private void send(String messageId, String replyTo, String correlationId, String body) {
        outbox.send(messageId, replyTo, correlationId, body);
    }

    /** An answer that is not recorded (nothing acted): sent if someone waits for it. */
    private Disposition reply(IncomingRequest in, ObjectNode reply) {
        if (in.wantsReply()) {
            publisher.publish(in.replyTo(), in.replyCorrelationId(), reply.toString());
        }
        return Disposition.ACK;
    }

    private Disposition refuse(IncomingRequest in, String operation, ErrorCode code, String message) {
        if (in.wantsReply()) {
            return reply(in, replies.error(operation, code, message));
        }
        if (code == ErrorCode.MALFORMED) {
            return new Disposition.DeadLetter(code + ": " + message);
        }
        log.warn("Refused till request {} without reply_to: {} {}", in.messageId(), code, message);
        return Disposition.ACK;
    }

    private static MetaData cause(IncomingRequest in) {
        return MetaData.from(Map.of(Cause.KIND, Cause.TILL, Cause.TILL_MESSAGE_ID, in.messageId(),
                Cause.TILL_CORRELATION_ID, in.replyCorrelationId()));
    }
}
