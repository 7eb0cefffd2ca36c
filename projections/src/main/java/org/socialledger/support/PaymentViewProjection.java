package org.socialledger.support;

import static org.socialledger.projection.JdbcValues.text;
import static org.socialledger.projection.JdbcValues.timestamp;
import static org.socialledger.projection.JdbcValues.uuid;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.socialledger.api.payment.event.CancelExpired;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.DebitDeclined;
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
import org.socialledger.projection.BatchedWrites;
import org.socialledger.projection.PaymentLifecycle;
import org.socialledger.projection.ReadModels;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code payment_view} up to date: one row per payment, inserted by
 * {@link ReservationRequested} and completed by each later event. The state follows
 * {@link PaymentLifecycle}, so late outcomes record their amounts and times without moving it.
 *
 * <p>Every statement sets columns to values of the one event it handles ({@code COALESCE} keeps a
 * column the event says nothing about; {@code last_updated_at} only moves forward), so handling an
 * event twice changes nothing and a replay rebuilds the same rows. Events of one payment must
 * arrive in order (Axon's default per-aggregate sequencing); an event for a payment without a row
 * fails loudly so that it is retried or dead-lettered, never skipped.
 */
@Component
@ProcessingGroup(ReadModels.PROCESSING_GROUP)
public class PaymentViewProjection {

    private final JdbcTemplate jdbc;
    private final BatchedWrites batched;

    public PaymentViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.batched = new BatchedWrites(jdbc, "payment-view", PaymentViewRows::new, PaymentViewProjection::update);
    }

    @EventHandler
    public void on(ReservationRequested event) {
        if (batched.defer(event)) {
            return;
        }
        // On a repeat only the request's own facts are written again: the state may have moved on.
        jdbc.update("""
                INSERT INTO payment_view (%s)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (payment_id) DO UPDATE SET
                    reserve_operation_id = EXCLUDED.reserve_operation_id, store_id = EXCLUDED.store_id,
                    terminal_id = EXCLUDED.terminal_id, receipt_id = EXCLUDED.receipt_id,
                    masked_pan = EXCLUDED.masked_pan, card_last4 = EXCLUDED.card_last4,
                    merchant_config_id = EXCLUDED.merchant_config_id, sp_code = EXCLUDED.sp_code,
                    receipt_total = EXCLUDED.receipt_total, requested_at = EXCLUDED.requested_at,
                    expires_at = EXCLUDED.expires_at,
                    last_updated_at = GREATEST(payment_view.last_updated_at, EXCLUDED.last_updated_at)
                """.formatted(String.join(", ", INSERTED)), inserted(event));
    }

    @EventHandler
    public void on(PaymentReserved event) {
        update(event);
    }

    @EventHandler
    public void on(ReservationDeclined event) {
        update(event);
    }

    @EventHandler
    public void on(PaymentConfirmed event) {
        update(event);
    }

    @EventHandler
    public void on(PaymentDebited event) {
        update(event);
    }

    @EventHandler
    public void on(DebitDeclined event) {
        update(event);
    }

    @EventHandler
    public void on(CancelRequested event) {
        update(event);
    }

    @EventHandler
    public void on(PaymentCancelled event) {
        update(event);
    }

    @EventHandler
    public void on(CancelExpired event) {
        update(event);
    }

    @EventHandler
    public void on(RefundRequested event) {
        update(event);
    }

    @EventHandler
    public void on(PaymentRefunded event) {
        update(event);
    }

    @EventHandler
    public void on(RefundDeclined event) {
        update(event);
    }

    /** A replay starts from nothing: the view is rebuilt entirely from the events. */
    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE payment_view");
    }

    // --- what each event writes (shared with PaymentViewRows, which folds a rebuild in memory) ----

    /** The columns {@link ReservationRequested} fills, in the order of {@link #inserted}. */
    static final List<String> INSERTED = List.of("payment_id", "reserve_operation_id", "store_id", "terminal_id",
            "receipt_id", "masked_pan", "card_last4", "state", "merchant_config_id", "sp_code", "receipt_total",
            "requested_at", "expires_at", "last_updated_at");

    static Object[] inserted(ReservationRequested event) {
        String lastFour = event.card().maskedPan().lastFour();
        return new Object[] {event.paymentId().value(), event.reserveOperationId().value(), event.storeId().value(),
            event.terminalId().value(), event.receipt().id().value(), event.card().maskedPan().value(),
            text(lastFour.isEmpty() ? null : lastFour), PaymentLifecycle.stateNameAfter(event),
            event.settings().merchantConfigId(), event.settings().spCode(), event.receipt().total().kopecks(),
            timestamp(event.requestedAt()), timestamp(event.expiresAt()), timestamp(event.requestedAt())};
    }

    /** One column an event sets to its own value. */
    record Assignment(String column, Object value) {
    }

    /** The event's own columns (besides the state, reason, late flag and update time every event may move). */
    static List<Assignment> assignments(PaymentEvent event) {
        if (event instanceof PaymentReserved reserved) {
            return List.of(set("reservation_id", text(reserved.reservationId())),
                    set("social_amount", reserved.socialAmount().kopecks()),
                    set("remainder", reserved.remainder().kopecks()),
                    set("reserved_at", timestamp(reserved.reservedAt())));
        }
        if (event instanceof ReservationDeclined declined) {
            return List.of(set("reserve_decline_reason", text(declined.reason())),
                    set("reserve_declined_at", timestamp(declined.declinedAt())));
        }
        if (event instanceof PaymentConfirmed confirmed) {
            return List.of(set("debit_operation_id", confirmed.debitOperationId().value()),
                    set("confirmed_at", timestamp(confirmed.confirmedAt())));
        }
        if (event instanceof PaymentDebited debited) {
            return List.of(set("debited_amount", debited.amount().kopecks()),
                    set("debited_at", timestamp(debited.debitedAt())));
        }
        if (event instanceof DebitDeclined declined) {
            return List.of(set("debit_decline_reason", text(declined.reason())),
                    set("debit_declined_at", timestamp(declined.declinedAt())));
        }
        if (event instanceof CancelRequested cancel) {
            return List.of(set("cancel_operation_id", cancel.cancelOperationId().value()),
                    set("cancel_initiator", cancel.initiator().name()),
                    set("cancelled_from", cancel.cancelledFrom().name()),
                    set("cancel_requested_at", timestamp(cancel.requestedAt())),
                    set("cancel_give_up_at", timestamp(cancel.giveUpAt())));
        }
        if (event instanceof PaymentCancelled cancelled) {
            return List.of(set("cancelled_at", timestamp(cancelled.cancelledAt())));
        }
        if (event instanceof CancelExpired expired) {
            return List.of(set("cancel_expired_at", timestamp(expired.expiredAt())));
        }
        if (event instanceof RefundRequested refund) {
            return List.of(set("refund_operation_id", refund.refundOperationId().value()),
                    set("refund_receipt_id", text(refund.refundReceiptId())),
                    set("refund_requested_at", timestamp(refund.requestedAt())));
        }
        if (event instanceof PaymentRefunded refunded) {
            return List.of(set("refunded_amount", refunded.amount().kopecks()),
                    set("refunded_at", timestamp(refunded.refundedAt())));
        }
        if (event instanceof RefundDeclined declined) {
            return List.of(set("refund_decline_reason", text(declined.reason())),
                    set("refund_declined_at", timestamp(declined.declinedAt())));
        }
        throw new IllegalArgumentException("no payment_view columns for " + event.getClass().getSimpleName());
    }

    private static Assignment set(String column, Object value) {
        return new Assignment(column, value);
    }

    private void update(PaymentEvent event) {
        if (batched.defer(event)) {
            return;
        }
        BatchedWrites.Update update = update(List.of(event));
        if (jdbc.update(update.sql(), update.arguments()) == 0) {
            throw new IllegalStateException("payment_view has no row for " + event.getClass().getSimpleName()
                    + " of payment " + event.paymentId() + ": its ReservationRequested was not handled");
        }
    }

    /**
     * The one statement that applies consecutive events of a payment to its row: each event's own
     * columns (a later event's value wins), and what every event may change: the state (when an
     * event moves it), the last reason (a decline's or a cancel's, unless the answer came late: a
     * late answer is not why the payment is where it is), the late flag and the last update time.
     * For several events it changes the row exactly as their statements one after the other would.
     */
    static BatchedWrites.Update update(List<PaymentEvent> events) {
        Map<String, Object> own = new LinkedHashMap<>();
        String state = null;
        String reason = null;
        boolean late = false;
        Instant updatedAt = null;
        for (PaymentEvent event : events) {
            for (Assignment assignment : assignments(event)) {
                own.put(assignment.column(), assignment.value());
            }
            String moved = PaymentLifecycle.stateNameAfter(event);
            state = moved == null ? state : moved;
            String why = reasonOf(event);
            reason = why == null ? reason : why;
            late |= PaymentLifecycle.isLateOutcome(event);
            updatedAt = PaymentViewRows.latest(updatedAt, event.occurredAt());
        }
        Object[] arguments = new Object[own.size() + 5];
        StringBuilder assignments = new StringBuilder();
        int next = 0;
        for (Map.Entry<String, Object> assignment : own.entrySet()) {
            assignments.append(assignment.getKey()).append(" = ?, ");
            arguments[next++] = assignment.getValue();
        }
        arguments[next++] = text(state);
        arguments[next++] = text(reason);
        arguments[next++] = late;
        arguments[next++] = timestamp(updatedAt);
        arguments[next] = uuid(events.get(0).paymentId().value());
        return new BatchedWrites.Update("UPDATE payment_view SET " + assignments + """
                state = COALESCE(?, state),
                  last_reason = COALESCE(?, last_reason),
                  had_late_outcome = had_late_outcome OR ?,
                  last_updated_at = GREATEST(last_updated_at, ?)
                WHERE payment_id = ?
                """, arguments);
    }

    static String reasonOf(PaymentEvent event) {
        if (PaymentLifecycle.isLateOutcome(event)) {
            return null;
        }
        if (event instanceof ReservationDeclined declined) {
            return declined.reason();
        }
        if (event instanceof DebitDeclined declined) {
            return declined.reason();
        }
        if (event instanceof CancelRequested cancel) {
            return cancel.reason();
        }
        if (event instanceof RefundDeclined declined) {
            return declined.reason();
        }
        return null;
    }
}
