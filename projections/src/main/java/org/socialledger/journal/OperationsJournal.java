package org.socialledger.journal;

import static org.socialledger.projection.JdbcValues.timestamp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.socialledger.api.payment.CardNumbers;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.SocialLine;
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
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Writes the operations journal {@code soc_processing_operations}: a payment's row (keyed by its
 * reserve operation) on {@link ReservationRequested}, a refund's row on {@link RefundRequested},
 * and what the service answered into their {@code data} (the key list is in V6__projections.sql).
 *
 * <p>Every write is a function of one event: an insert that keeps what is already there, or a
 * {@code data || patch} merge whose values come from the event, {@code op_date} only ever moving
 * forward to an event's own time. Handling an event twice therefore changes nothing, and a replay
 * from an empty table rebuilds the same rows. Events of one payment must arrive in order, which
 * Axon's default sequencing policy (per aggregate) guarantees; an event whose row is missing
 * fails loudly so that it is retried or dead-lettered, never skipped.
 */
@Component
@ProcessingGroup(OperationsJournal.PROCESSING_GROUP)
public class OperationsJournal {

    public static final String PROCESSING_GROUP = "journal";

    static final String KIND_PAYMENT = "payment";
    static final String KIND_REFUND = "refund";

    /** Stands in for a bank data value that is itself a card number: the journal never holds one. */
    static final String REMOVED_CARD_NUMBER = "[card number removed]";

    private final JdbcTemplate jdbc;

    public OperationsJournal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ReservationRequested event) {
        MerchantSettings settings = event.settings();
        ObjectNode data = object()
                .put("kind", KIND_PAYMENT)
                .put("paymentId", event.paymentId().toString())
                .put("reserveOperationId", event.reserveOperationId().toString())
                .put("storeId", event.storeId().value())
                .put("terminalId", event.terminalId().value())
                .put("receiptId", event.receipt().id().value())
                .put("receiptTotal", event.receipt().total().kopecks())
                .put("maskedPan", event.card().maskedPan().value())
                .put("merchantConfigId", settings.merchantConfigId())
                .put("enterpriseId", settings.enterpriseId())
                .put("merchantId", settings.merchantId())
                .put("spCode", settings.spCode())
                .put("terminalNo", settings.terminalNo())
                .put("requestedAt", time(event.requestedAt()))
                .put("expiresAt", time(event.expiresAt()))
                .put("status", PaymentLifecycle.stateNameAfter(event));
        // On a repeat, what the row holds wins: its status may have moved on since.
        jdbc.update("""
                INSERT INTO soc_processing_operations (op_date, id, cancel, data)
                VALUES (?, ?, NULL, CAST(? AS jsonb))
                ON CONFLICT (id) DO UPDATE
                SET op_date = GREATEST(soc_processing_operations.op_date, EXCLUDED.op_date),
                    data = EXCLUDED.data || soc_processing_operations.data
                """, timestamp(event.requestedAt()), bytes(event.reserveOperationId()), data.toString());
    }

    @EventHandler
    public void on(PaymentReserved event) {
        ObjectNode patch = object()
                .put("reservationId", event.reservationId())
                .put("socialAmount", event.socialAmount().kopecks())
                .put("remainder", event.remainder().kopecks())
                .put("reservedAt", time(event.reservedAt()))
                .put("reservedLate", event.late());
        patch.set("socialItems", lines(event.socialLines()));
        patch.set("reserveBankData", bankData(event.bankData()));
        updatePayment(event, patch, null);
    }

    @EventHandler
    public void on(ReservationDeclined event) {
        updatePayment(event, object()
                .put("reserveDeclineReason", event.reason())
                .put("reserveDeclinedAt", time(event.declinedAt()))
                .put("reserveDeclinedLate", event.late()), null);
    }

    @EventHandler
    public void on(PaymentConfirmed event) {
        updatePayment(event, object()
                .put("debitOperationId", event.debitOperationId().toString())
                .put("debitAmount", event.amount().kopecks())
                .put("confirmedAt", time(event.confirmedAt())), null);
    }

    @EventHandler
    public void on(PaymentDebited event) {
        ObjectNode patch = object()
                .put("debitedAmount", event.amount().kopecks())
                .put("debitedAt", time(event.debitedAt()))
                .put("debitedLate", event.late());
        patch.set("debitBankData", bankData(event.bankData()));
        updatePayment(event, patch, null);
    }

    @EventHandler
    public void on(DebitDeclined event) {
        updatePayment(event, object()
                .put("debitDeclineReason", event.reason())
                .put("debitDeclinedAt", time(event.declinedAt()))
                .put("debitDeclinedLate", event.late()), null);
    }

    @EventHandler
    public void on(CancelRequested event) {
        updatePayment(event, object()
                .put("cancelOperationId", event.cancelOperationId().toString())
                .put("cancelStatus", "REQUESTED")
                .put("cancelInitiator", event.initiator().name())
                .put("cancelReason", event.reason())
                .put("cancelledFrom", event.cancelledFrom().name())
                .put("cancelRequestedAt", time(event.requestedAt()))
                // null: the cancel is retried until the service confirms it (cancel_lifetime 0)
                .put("cancelGiveUpAt", time(event.giveUpAt())), null);
    }

    /** Only a confirmed cancel fills {@code cancel}: see V6__projections.sql for why. */
    @EventHandler
    public void on(PaymentCancelled event) {
        ObjectNode patch = object()
                .put("cancelStatus", "CANCELLED")
                .put("cancelledAt", time(event.cancelledAt()))
                .put("cancelledLate", event.late());
        patch.set("cancelBankData", bankData(event.bankData()));
        updatePayment(event, patch, event.cancelOperationId());
    }

    @EventHandler
    public void on(CancelExpired event) {
        updatePayment(event, object()
                .put("cancelStatus", "EXPIRED")
                .put("cancelExpiredAt", time(event.expiredAt())), null);
    }

    @EventHandler
    public void on(RefundRequested event) {
        ObjectNode refund = object()
                .put("kind", KIND_REFUND)
                .put("status", "REQUESTED")
                .put("refundOperationId", event.refundOperationId().toString())
                .put("refundReceiptId", event.refundReceiptId())
                .put("amount", event.amount().kopecks())
                .put("requestedAt", time(event.requestedAt()));
        refund.set("items", lines(event.items()));
        // The refund call names the reservation and the registration ids: copied from the
        // payment's row, as RefundRequested carries only the payment id.
        int rows = jdbc.update("""
                INSERT INTO soc_processing_operations (op_date, id, cancel, data)
                SELECT ?, ?, NULL, jsonb_build_object(
                           'paymentId', p.data -> 'paymentId',
                           'reserveOperationId', p.data -> 'reserveOperationId',
                           'storeId', p.data -> 'storeId',
                           'terminalId', p.data -> 'terminalId',
                           'receiptId', p.data -> 'receiptId',
                           'maskedPan', p.data -> 'maskedPan',
                           'enterpriseId', p.data -> 'enterpriseId',
                           'merchantId', p.data -> 'merchantId',
                           'spCode', p.data -> 'spCode',
                           'terminalNo', p.data -> 'terminalNo') || CAST(? AS jsonb)
                FROM soc_processing_operations p
                WHERE p.data ->> 'kind' = 'payment' AND p.data ->> 'paymentId' = ?
                ON CONFLICT (id) DO UPDATE
                SET op_date = GREATEST(soc_processing_operations.op_date, EXCLUDED.op_date),
                    data = EXCLUDED.data || soc_processing_operations.data
                """, timestamp(event.requestedAt()), bytes(event.refundOperationId()), refund.toString(),
                event.paymentId().toString());
        requireRow(rows, event);
        updatePayment(event, object().put("refundOperationId", event.refundOperationId().toString()), null);
    }

    @EventHandler
    public void on(PaymentRefunded event) {
        ObjectNode patch = object()
                .put("status", "REFUNDED")
                .put("refundedAmount", event.amount().kopecks())
                .put("refundedAt", time(event.refundedAt()));
        patch.set("refundBankData", bankData(event.bankData()));
        updateRefund(event, event.refundOperationId(), patch);
        updatePayment(event, object(), null);
    }

    @EventHandler
    public void on(RefundDeclined event) {
        updateRefund(event, event.refundOperationId(), object()
                .put("status", "DECLINED")
                .put("declineReason", event.reason())
                .put("declinedAt", time(event.declinedAt())));
        updatePayment(event, object(), null);
    }

    /** A replay starts from nothing: the journal is rebuilt entirely from the events. */
    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE soc_processing_operations");
    }

    // --- writing ---------------------------------------------------------------------------

    private void updatePayment(PaymentEvent event, ObjectNode patch, OperationId confirmedCancel) {
        String status = PaymentLifecycle.stateNameAfter(event);
        if (status != null) {
            patch.put("status", status);
        }
        int rows = jdbc.update("""
                UPDATE soc_processing_operations
                SET op_date = GREATEST(op_date, ?),
                    data = data || CAST(? AS jsonb),
                    cancel = COALESCE(?, cancel)
                WHERE data ->> 'kind' = 'payment' AND data ->> 'paymentId' = ?
                """, timestamp(event.occurredAt()), patch.toString(),
                new SqlParameterValue(Types.BINARY, confirmedCancel == null ? null : bytes(confirmedCancel)),
                event.paymentId().toString());
        requireRow(rows, event);
    }

    private void updateRefund(PaymentEvent event, OperationId refundOperationId, ObjectNode patch) {
        int rows = jdbc.update("""
                UPDATE soc_processing_operations
                SET op_date = GREATEST(op_date, ?), data = data || CAST(? AS jsonb)
                WHERE id = ? AND data ->> 'kind' = 'refund'
                """, timestamp(event.occurredAt()), patch.toString(), bytes(refundOperationId));
        requireRow(rows, event);
    }

    private static void requireRow(int rows, PaymentEvent event) {
        if (rows == 0) {
            throw new IllegalStateException("the operations journal has no row for " + event.getClass().getSimpleName()
                    + " of payment " + event.paymentId() + ": an earlier event of this payment was not handled");
        }
    }

    // --- the data JSON ---------------------------------------------------------------------

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static byte[] bytes(OperationId id) {
        return OperationBytes.of(id.value());
    }

    /** ISO-8601 in UTC, as the event store writes times; null stays null. */
    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static ArrayNode lines(List<SocialLine> lines) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (SocialLine line : lines) {
            array.addObject().put("line", line.line()).put("amount", line.amount().kopecks());
        }
        return array;
    }

    /**
     * The service's extra answer fields, as given. A value that looks like a full card number is
     * replaced: the service should never send one, and the journal must never keep one.
     */
    static ObjectNode bankData(Map<String, String> bankData) {
        ObjectNode node = object();
        if (bankData != null) {
            bankData.forEach((key, value) ->
                    node.put(key, CardNumbers.looksLikeFullPan(value) ? REMOVED_CARD_NUMBER : value));
        }
        return node;
    }
}
