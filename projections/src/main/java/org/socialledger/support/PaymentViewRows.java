package org.socialledger.support;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.api.payment.event.ReservationRequested;
import org.socialledger.projection.CopyRows;
import org.socialledger.projection.FoldedRows;
import org.socialledger.projection.PaymentLifecycle;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * The payment view's rows of the payments that start in a rebuild's chunk, folded in memory the
 * way {@link PaymentViewProjection}'s statements change them: the same columns and values (its
 * static lists), the state and last reason kept when an event says nothing, the late flag only
 * ever set, {@code last_updated_at} the greatest time seen.
 */
public final class PaymentViewRows implements FoldedRows {

    /** Every column a handler writes; the rest keep their defaults, as after the handler's insert. */
    private static final List<String> COLUMNS = List.of("payment_id", "reserve_operation_id", "store_id",
            "terminal_id", "receipt_id", "masked_pan", "card_last4", "state", "merchant_config_id", "sp_code",
            "receipt_total", "social_amount", "remainder", "debited_amount", "refunded_amount", "reservation_id",
            "debit_operation_id", "cancel_operation_id", "cancel_initiator", "cancelled_from", "refund_operation_id",
            "refund_receipt_id", "reserve_decline_reason", "debit_decline_reason", "refund_decline_reason",
            "last_reason", "had_late_outcome", "requested_at", "expires_at", "reserved_at", "reserve_declined_at",
            "confirmed_at", "debited_at", "debit_declined_at", "cancel_requested_at", "cancel_give_up_at",
            "cancelled_at", "cancel_expired_at", "refund_requested_at", "refunded_at", "refund_declined_at",
            "last_updated_at");
    private static final Map<String, Integer> INDEX = new HashMap<>();
    private static final String COPY = "COPY payment_view (" + String.join(", ", COLUMNS) + ") FROM STDIN";

    static {
        for (int i = 0; i < COLUMNS.size(); i++) {
            INDEX.put(COLUMNS.get(i), i);
        }
    }

    private static final int STATE = column("state");
    private static final int LAST_REASON = column("last_reason");
    private static final int HAD_LATE_OUTCOME = column("had_late_outcome");
    private static final int LAST_UPDATED_AT = column("last_updated_at");
    /** ON CONFLICT (payment_id) leaves these alone (the update time only moves forward). */
    private static final List<String> KEPT_ON_CONFLICT = List.of("payment_id", "state", "last_updated_at");

    private final Map<UUID, Object[]> rows = new LinkedHashMap<>();

    @Override
    public void fold(PaymentEvent event) {
        if (event instanceof ReservationRequested requested) {
            insert(requested);
            return;
        }
        Object[] row = rows.get(event.paymentId().value());
        if (row == null) {
            throw new IllegalStateException("payment_view has no row for " + event.getClass().getSimpleName()
                    + " of payment " + event.paymentId() + ": its ReservationRequested was not handled");
        }
        for (PaymentViewProjection.Assignment assignment : PaymentViewProjection.assignments(event)) {
            row[column(assignment.column())] = plain(assignment.value());
        }
        String state = PaymentLifecycle.stateNameAfter(event);
        if (state != null) {
            row[STATE] = state;
        }
        String reason = PaymentViewProjection.reasonOf(event);
        if (reason != null) {
            row[LAST_REASON] = reason;
        }
        row[HAD_LATE_OUTCOME] = (Boolean) row[HAD_LATE_OUTCOME] || PaymentLifecycle.isLateOutcome(event);
        row[LAST_UPDATED_AT] = latest((Instant) row[LAST_UPDATED_AT], event.occurredAt());
    }

    private void insert(ReservationRequested event) {
        Object[] values = PaymentViewProjection.inserted(event);
        Object[] existing = rows.get(event.paymentId().value());
        if (existing == null) {
            Object[] row = new Object[COLUMNS.size()];
            row[HAD_LATE_OUTCOME] = Boolean.FALSE;
            for (int i = 0; i < values.length; i++) {
                row[column(PaymentViewProjection.INSERTED.get(i))] = plain(values[i]);
            }
            rows.put(event.paymentId().value(), row);
            return;
        }
        for (int i = 0; i < values.length; i++) {
            String name = PaymentViewProjection.INSERTED.get(i);
            if (!KEPT_ON_CONFLICT.contains(name)) {
                existing[column(name)] = plain(values[i]);
            }
        }
        existing[LAST_UPDATED_AT] = latest((Instant) existing[LAST_UPDATED_AT], event.requestedAt());
    }

    /** The value as the row holds it: a typed null is a null, a time an instant (GREATEST compares those). */
    private static Object plain(Object value) {
        Object plain = value instanceof SqlParameterValue typed ? typed.getValue() : value;
        return plain instanceof OffsetDateTime time ? time.toInstant() : plain;
    }

    /** The later of two times, a null one ignored (as GREATEST does). */
    static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static int column(String name) {
        Integer index = INDEX.get(name);
        if (index == null) {
            throw new IllegalStateException("payment_view column " + name + " is not folded: add it to COLUMNS");
        }
        return index;
    }

    @Override
    public String copyStatement() {
        return COPY;
    }

    @Override
    public void write(CopyRows out) throws SQLException {
        for (Object[] row : rows.values()) {
            for (Object value : row) {
                out.value(value);
            }
            out.endRow();
        }
    }
}
