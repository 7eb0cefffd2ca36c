package org.socialledger.till;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.SocialLines;
import org.socialledger.api.payment.command.RecordCancellation;
import org.socialledger.api.payment.command.RecordDebit;
import org.socialledger.api.payment.command.RecordRefund;
import org.socialledger.api.payment.command.RecordReservation;
import org.socialledger.api.payment.command.RecordReservationDecline;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.PaymentConfirmed;
import org.socialledger.api.payment.event.RefundRequested;
import org.socialledger.api.payment.event.ReservationRequested;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stands in for the social processing service in the till tests: it answers an operation the
 * way the saga will, by recording the service's answer on the payment. The till channel only
 * ever sees the resulting events, so this is where the bank's side of the story is scripted.
 */
final class FakeSocialProcessing {

    private final CommandGateway commands;
    private final EventStore events;
    private final JdbcTemplate jdbc;

    FakeSocialProcessing(CommandGateway commands, EventStore events, JdbcTemplate jdbc) {
        this.commands = commands;
        this.events = events;
        this.jdbc = jdbc;
    }

    /** The payment a till request created or acted on, from the idempotency record. */
    PaymentId paymentOf(String messageId) {
        return new PaymentId(jdbc.queryForObject("SELECT payment_id FROM till_request WHERE message_id = ?",
                UUID.class, messageId));
    }

    <T> T last(PaymentId payment, Class<T> type) {
        return events.readEvents(payment.toString()).asStream()
                .map(message -> message.getPayload())
                .filter(type::isInstance).map(type::cast)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " for " + payment));
    }

    void reserves(PaymentId payment, List<SocialLine> lines) {
        ReservationRequested requested = last(payment, ReservationRequested.class);
        Money amount = SocialLines.total(lines);
        commands.sendAndWait(new RecordReservation(payment, requested.reserveOperationId(), "R-" + payment, lines,
                amount, Map.of("reservationId", "R-" + payment), Instant.now()));
    }

    void declinesReservation(PaymentId payment, String reason) {
        commands.sendAndWait(new RecordReservationDecline(payment,
                last(payment, ReservationRequested.class).reserveOperationId(), reason, Instant.now()));
    }

    void debits(PaymentId payment) {
        PaymentConfirmed confirmed = last(payment, PaymentConfirmed.class);
        commands.sendAndWait(new RecordDebit(payment, confirmed.debitOperationId(), confirmed.amount(), Map.of(),
                Instant.now()));
    }

    void cancels(PaymentId payment) {
        OperationId cancel = last(payment, CancelRequested.class).cancelOperationId();
        commands.sendAndWait(new RecordCancellation(payment, cancel, Map.of(), Instant.now()));
    }

    void refunds(PaymentId payment) {
        RefundRequested refund = last(payment, RefundRequested.class);
        commands.sendAndWait(new RecordRefund(payment, refund.refundOperationId(), refund.amount(), Map.of(),
                Instant.now()));
    }
}
