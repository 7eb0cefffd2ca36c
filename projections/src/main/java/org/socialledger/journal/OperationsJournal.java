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
import org.socialledger.projection.BatchedWrites;
import org.socialledger.projection.IsoInstants;
import org.socialledger.projection.PaymentLifecycle;
import org.socialledger.projection.ReadModels;
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
@ProcessingGroup(ReadModels.PROCESSING_GROUP)
public class OperationsJournal {

    static final String KIND_PAYMENT = "payment";
    static final String KIND_REFUND = "refund";

    /** Stands in for a bank data value that is itself a card number: the journal never holds one. */
    static final String REMOVED_CARD_NUMBER = "[card number removed]";

    private final JdbcTemplate jdbc;
    private final BatchedWrites batched;

    public OperationsJournal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.batched = new BatchedWrites(jdbc, "journal", JournalRows::new, OperationsJournal::paymentUpdate);
    }

    @EventHandler
    public void on(ReservationRequested event) {
        if (batched.defer(event)) {
            return;
        }
        // On a repeat, what the row holds wins: its status may have moved on since.
        jdbc.update("""
                INSERT INTO soc_processing_operations (op_date, id, cancel, data)
                VALUES (?, ?, NULL, CAST(? AS jsonb))
                ON CONFLICT (id) DO UPDATE
                SET op_date = GREATEST(soc_processing_operations.op_date, EXCLUDED.op_date),
                    data = EXCLUDED.data || soc_processing_operations.data
                """, timestamp(event.requestedAt()), bytes(event.reserveOperationId()), requestData(event).toString());
    }

    @EventHandler
    public void on(PaymentReserved event) {
        updatePayment(event);
    }

    @EventHandler
    public void on(ReservationDeclined event) {
        updatePayment(event);
    }

    @EventHandler
    public void on(PaymentConfirmed event) {
        updatePayment(event);
    }

    @EventHandler
    public void on(PaymentDebited event) {
        updatePayment(event);
    }

    @EventHandler
    public void on(DebitDeclined event) {
        updatePayment(event);
    }

    @EventHandler
    public void on(CancelRequested event) {
        updatePayment(event);
    }

    /** Only a confirmed cancel fills {@code cancel}: see V6__projections.sql for why. */
    @EventHandler
    public void on(PaymentCancelled event) {
        updatePayment(event);
    }

    @EventHandler
    public void on(CancelExpired event) {
        updatePayment(event);
    }

    // A refund's writes read the payment's row (or follow one that did), so they are never folded.

    @EventHandler
    public void on(RefundRequested event) {
        if (!batched.mayWriteNow(event)) {
            return;
        }
        // The refund call names the reservation and the registration ids: copied from the
        // payment's row, as RefundRequested carries only the payment id.
        int rows = jdbc.update("""
                INSERT INTO soc_processing_operations (op_date, id, cancel, data)
                SELECT ?, ?, NULL, jsonb_build_object(%s) || CAST(? AS jsonb)
                FROM soc_processing_operations p
                WHERE p.data ->> 'kind' = 'payment' AND p.data ->> 'paymentId' = ?
                ON CONFLICT (id) DO UPDATE
                SET op_date = GREATEST(soc_processing_operations.op_date, EXCLUDED.op_date),
                    data = EXCLUDED.data || soc_processing_operations.data
                """.formatted(COPIED_TO_REFUND_SQL), timestamp(event.requestedAt()), bytes(event.refundOperationId()),
                refundData(event).toString(), event.paymentId().toString());
        requireRow(rows, event);
        writePayment(event);
    }

    @EventHandler
    public void on(PaymentRefunded event) {
        if (batched.mayWriteNow(event)) {
            updateRefund(event, event.refundOperationId());
            writePayment(event);
        }
    }

    @EventHandler
    public void on(RefundDeclined event) {
        if (batched.mayWriteNow(event)) {
            updateRefund(event, event.refundOperationId());
            writePayment(event);
        }
    }

    // --- what each event writes (shared with JournalRows, which folds a rebuild in memory) ----

    /** The payment's keys a refund's row starts with, copied from the payment's row. */
    static final List<String> COPIED_TO_REFUND = List.of("paymentId", "reserveOperationId", "storeId",
            "terminalId", "receiptId", "maskedPan", "enterpriseId", "merchantId", "spCode", "terminalNo");
    private static final String COPIED_TO_REFUND_SQL = String.join(", ",
            COPIED_TO_REFUND.stream().map(key -> "'" + key + "', p.data -> '" + key + "'").toList());

    /** The payment row's whole data, as {@link ReservationRequested} creates it. */
    static ObjectNode requestData(ReservationRequested event) {
        MerchantSettings settings = event.settings();
        return object()
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
    }

    /** What every event after the request merges into the payment's row (the status when it moves). */
    static ObjectNode paymentPatch(PaymentEvent event) {
        ObjectNode patch = ownPaymentPatch(event);
        String status = PaymentLifecycle.stateNameAfter(event);
        if (status != null) {
            patch.put("status", status);
        }
        return patch;
    }

    private static ObjectNode ownPaymentPatch(PaymentEvent event) {
        if (event instanceof PaymentReserved reserved) {
            ObjectNode patch = object()
                    .put("reservationId", reserved.reservationId())
                    .put("socialAmount", reserved.socialAmount().kopecks())
                    .put("remainder", reserved.remainder().kopecks())
                    .put("reservedAt", time(reserved.reservedAt()))
                    .put("reservedLate", reserved.late());
            patch.set("socialItems", lines(reserved.socialLines()));
            patch.set("reserveBankData", bankData(reserved.bankData()));
            return patch;
        }
        if (event instanceof ReservationDeclined declined) {
            return object()
                    .put("reserveDeclineReason", declined.reason())
                    .put("reserveDeclinedAt", time(declined.declinedAt()))
                    .put("reserveDeclinedLate", declined.late());
        }
        if (event instanceof PaymentConfirmed confirmed) {
            return object()
                    .put("debitOperationId", confirmed.debitOperationId().toString())
                    .put("debitAmount", confirmed.amount().kopecks())
                    .put("confirmedAt", time(confirmed.confirmedAt()));
        }
        if (event instanceof PaymentDebited debited) {
            ObjectNode patch = object()
                    .put("debitedAmount", debited.amount().kopecks())
                    .put("debitedAt", time(debited.debitedAt()))
                    .put("debitedLate", debited.late());
            patch.set("debitBankData", bankData(debited.bankData()));
            return patch;
        }
        if (event instanceof DebitDeclined declined) {
            return object()
                    .put("debitDeclineReason", declined.reason())
                    .put("debitDeclinedAt", time(declined.declinedAt()))
                    .put("debitDeclinedLate", declined.late());
        }
        if (event instanceof CancelRequested cancel) {
            return object()
                    .put("cancelOperationId", cancel.cancelOperationId().toString())
                    .put("cancelStatus", "REQUESTED")
                    .put("cancelInitiator", cancel.initiator().name())
                    .put("cancelReason", cancel.reason())
                    .put("cancelledFrom", cancel.cancelledFrom().name())
                    .put("cancelRequestedAt", time(cancel.requestedAt()))
                    // null: the cancel is retried until the service confirms it (cancel_lifetime 0)
                    .put("cancelGiveUpAt", time(cancel.giveUpAt()));
        }
        if (event instanceof PaymentCancelled cancelled) {
            ObjectNode patch = object()
                    .put("cancelStatus", "CANCELLED")
                    .put("cancelledAt", time(cancelled.cancelledAt()))
                    .put("cancelledLate", cancelled.late());
            patch.set("cancelBankData", bankData(cancelled.bankData()));
            return patch;
        }
        if (event instanceof CancelExpired expired) {
            return object()
                    .put("cancelStatus", "EXPIRED")
                    .put("cancelExpiredAt", time(expired.expiredAt()));
        }
        if (event instanceof RefundRequested refund) {
            return object().put("refundOperationId", refund.refundOperationId().toString());
        }
        if (event instanceof PaymentRefunded || event instanceof RefundDeclined) {
            return object();
        }
        throw new IllegalArgumentException("no journal patch for " + event.getClass().getSimpleName());
    }

    /** The operation a confirmed cancel names ({@code cancel}), or null. */
    static OperationId confirmedCancel(PaymentEvent event) {
        return event instanceof PaymentCancelled cancelled ? cancelled.cancelOperationId() : null;
    }

    /** A refund row's own data, merged over what it copies from the payment's row. */
    static ObjectNode refundData(RefundRequested event) {
        ObjectNode refund = object()
                .put("kind", KIND_REFUND)
                .put("status", "REQUESTED")
                .put("refundOperationId", event.refundOperationId().toString())
                .put("refundReceiptId", event.refundReceiptId())
                .put("amount", event.amount().kopecks())
                .put("requestedAt", time(event.requestedAt()));
        refund.set("items", lines(event.items()));
        return refund;
    }

    /** What a refund's outcome merges into the refund's row. */
    static ObjectNode refundPatch(PaymentEvent event) {
        if (event instanceof PaymentRefunded refunded) {
            ObjectNode patch = object()
                    .put("status", "REFUNDED")
                    .put("refundedAmount", refunded.amount().kopecks())
                    .put("refundedAt", time(refunded.refundedAt()));
            patch.set("refundBankData", bankData(refunded.bankData()));
            return patch;
        }
        if (event instanceof RefundDeclined declined) {
            return object()
                    .put("status", "DECLINED")
                    .put("declineReason", declined.reason())
                    .put("declinedAt", time(declined.declinedAt()));
        }
        throw new IllegalArgumentException("no refund patch for " + event.getClass().getSimpleName());
    }

    /** A replay starts from nothing: the journal is rebuilt entirely from the events. */
    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE soc_processing_operations");
    }

    // --- writing ---------------------------------------------------------------------------

    private void updatePayment(PaymentEvent event) {
        if (!batched.defer(event)) {
            writePayment(event);
        }
    }

    private void writePayment(PaymentEvent event) {
        BatchedWrites.Update update = paymentUpdate(List.of(event));
        requireRow(jdbc.update(update.sql(), update.arguments()), event);
    }

    /**
     * The one statement that applies consecutive events of a payment to its row: their patches
     * merged in order (a later key wins, as {@code ||} after {@code ||} does), the latest time, the
     * confirmed cancel if any.
     */
    static BatchedWrites.Update paymentUpdate(List<PaymentEvent> events) {
        ObjectNode patch = object();
        Instant opDate = null;
        OperationId confirmedCancel = null;
        for (PaymentEvent event : events) {
            patch.setAll(paymentPatch(event));
            opDate = JournalRows.latest(opDate, event.occurredAt());
            OperationId cancel = confirmedCancel(event);
            confirmedCancel = cancel == null ? confirmedCancel : cancel;
        }
        return new BatchedWrites.Update("""
                UPDATE soc_processing_operations
                SET op_date = GREATEST(op_date, ?),
                    data = data || CAST(? AS jsonb),
                    cancel = COALESCE(?, cancel)
                WHERE data ->> 'kind' = 'payment' AND data ->> 'paymentId' = ?
                """, new Object[] {timestamp(opDate), patch.toString(),
                    new SqlParameterValue(Types.BINARY, confirmedCancel == null ? null : bytes(confirmedCancel)),
                    events.get(0).paymentId().toString()});
    }

    private void updateRefund(PaymentEvent event, OperationId refundOperationId) {
        int rows = jdbc.update("""
                UPDATE soc_processing_operations
                SET op_date = GREATEST(op_date, ?), data = data || CAST(? AS jsonb)
                WHERE id = ? AND data ->> 'kind' = 'refund'
                """, timestamp(event.occurredAt()), refundPatch(event).toString(), bytes(refundOperationId));
        requireRow(rows, event);
    }

    static void requireRow(int rows, PaymentEvent event) {
        if (rows == 0) {
            throw new IllegalStateException("the operations journal has no row for " + event.getClass().getSimpleName()
                    + " of payment " + event.paymentId() + ": an earlier event of this payment was not handled");
        }
    }

    // --- the data JSON ---------------------------------------------------------------------

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static byte[] bytes(OperationId id) {
        return OperationBytes.of(id.value());
    }

    /** ISO-8601 in UTC, as the event store writes times; null stays null. */
    private static String time(Instant instant) {
        return instant == null ? null : IsoInstants.toString(instant);
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
