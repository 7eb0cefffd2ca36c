package org.socialledger.support;

import static org.socialledger.projection.JdbcValues.text;
import static org.socialledger.projection.JdbcValues.timestamp;
import static org.socialledger.projection.JdbcValues.uuid;

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
import org.socialledger.projection.PaymentLifecycle;
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
@ProcessingGroup(PaymentViewProjection.PROCESSING_GROUP)
public class PaymentViewProjection {

    public static final String PROCESSING_GROUP = "payment-view";

    private final JdbcTemplate jdbc;

    public PaymentViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ReservationRequested event) {
        String lastFour = event.card().maskedPan().lastFour();
        // On a repeat only the request's own facts are written again: the state may have moved on.
        jdbc.update("""
                INSERT INTO payment_view (payment_id, reserve_operation_id, store_id, terminal_id, receipt_id,
                    masked_pan, card_last4, state, merchant_config_id, sp_code, receipt_total,
                    requested_at, expires_at, last_updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (payment_id) DO UPDATE SET
                    reserve_operation_id = EXCLUDED.reserve_operation_id, store_id = EXCLUDED.store_id,
                    terminal_id = EXCLUDED.terminal_id, receipt_id = EXCLUDED.receipt_id,
                    masked_pan = EXCLUDED.masked_pan, card_last4 = EXCLUDED.card_last4,
                    merchant_config_id = EXCLUDED.merchant_config_id, sp_code = EXCLUDED.sp_code,
                    receipt_total = EXCLUDED.receipt_total, requested_at = EXCLUDED.requested_at,
                    expires_at = EXCLUDED.expires_at,
                    last_updated_at = GREATEST(payment_view.last_updated_at, EXCLUDED.last_updated_at)
                """,
                event.paymentId().value(), event.reserveOperationId().value(), event.storeId().value(),
                event.terminalId().value(), event.receipt().id().value(), event.card().maskedPan().value(),
                text(lastFour.isEmpty() ? null : lastFour), PaymentLifecycle.stateNameAfter(event),
                event.settings().merchantConfigId(), event.settings().spCode(), event.receipt().total().kopecks(),
                timestamp(event.requestedAt()), timestamp(event.expiresAt()), timestamp(event.requestedAt()));
    }

    @EventHandler
    public void on(PaymentReserved event) {
        update(event, """
                reservation_id = ?, social_amount = ?, remainder = ?, reserved_at = ?
                """, text(event.reservationId()), event.socialAmount().kopecks(), event.remainder().kopecks(),
                timestamp(event.reservedAt()));
    }

    @EventHandler
    public void on(ReservationDeclined event) {
        update(event, """
                reserve_decline_reason = ?, reserve_declined_at = ?
                """, text(event.reason()), timestamp(event.declinedAt()));
    }

    @EventHandler
    public void on(PaymentConfirmed event) {
        update(event, """
                debit_operation_id = ?, confirmed_at = ?
                """, event.debitOperationId().value(), timestamp(event.confirmedAt()));
    }

    @EventHandler
    public void on(PaymentDebited event) {
        update(event, """
                debited_amount = ?, debited_at = ?
                """, event.amount().kopecks(), timestamp(event.debitedAt()));
    }

    @EventHandler
    public void on(DebitDeclined event) {
        update(event, """
                debit_decline_reason = ?, debit_declined_at = ?
                """, text(event.reason()), timestamp(event.declinedAt()));
    }

    @EventHandler
    public void on(CancelRequested event) {
        update(event, """
                cancel_operation_id = ?, cancel_initiator = ?, cancelled_from = ?, cancel_requested_at = ?,
                cancel_give_up_at = ?
                """, event.cancelOperationId().value(), event.initiator().name(), event.cancelledFrom().name(),
                timestamp(event.requestedAt()), timestamp(event.giveUpAt()));
    }

    @EventHandler
    public void on(PaymentCancelled event) {
        update(event, """
                cancelled_at = ?
                """, timestamp(event.cancelledAt()));
    }

    @EventHandler
    public void on(CancelExpired event) {
        update(event, """
                cancel_expired_at = ?
                """, timestamp(event.expiredAt()));
    }

    @EventHandler
    public void on(RefundRequested event) {
        update(event, """
                refund_operation_id = ?, refund_receipt_id = ?, refund_requested_at = ?
                """, event.refundOperationId().value(), text(event.refundReceiptId()), timestamp(event.requestedAt()));
    }

    @EventHandler
    public void on(PaymentRefunded event) {
        update(event, """
                refunded_amount = ?, refunded_at = ?
                """, event.amount().kopecks(), timestamp(event.refundedAt()));
    }

    @EventHandler
    public void on(RefundDeclined event) {
        update(event, """
                refund_decline_reason = ?, refund_declined_at = ?
                """, text(event.reason()), timestamp(event.declinedAt()));
    }

    /** A replay starts from nothing: the view is rebuilt entirely from the events. */
    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE payment_view");
    }

    /**
     * Sets the event's own columns and what every event may change: the state (when the event
     * moves it), the last reason (a decline's or a cancel's, unless the answer came late: a late
     * answer is not why the payment is where it is), the late flag and the last update time.
     */
    private void update(PaymentEvent event, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 5];
        System.arraycopy(values, 0, arguments, 0, values.length);
        int next = values.length;
        arguments[next++] = text(PaymentLifecycle.stateNameAfter(event));
        arguments[next++] = text(reasonOf(event));
        arguments[next++] = PaymentLifecycle.isLateOutcome(event);
        arguments[next++] = timestamp(event.occurredAt());
        arguments[next] = uuid(event.paymentId().value());
        int rows = jdbc.update("UPDATE payment_view SET " + assignments + """
                , state = COALESCE(?, state),
                  last_reason = COALESCE(?, last_reason),
                  had_late_outcome = had_late_outcome OR ?,
                  last_updated_at = GREATEST(last_updated_at, ?)
                WHERE payment_id = ?
                """, arguments);
        if (rows == 0) {
            throw new IllegalStateException("payment_view has no row for " + event.getClass().getSimpleName()
                    + " of payment " + event.paymentId() + ": its ReservationRequested was not handled");
        }
    }

    private static String reasonOf(PaymentEvent event) {
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
