package org.socialledger.journal;

import static org.socialledger.journal.OperationsJournal.COPIED_TO_REFUND;
import static org.socialledger.journal.OperationsJournal.KIND_REFUND;
import static org.socialledger.journal.OperationsJournal.bytes;
import static org.socialledger.journal.OperationsJournal.object;
import static org.socialledger.journal.OperationsJournal.requireRow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.api.payment.event.PaymentRefunded;
import org.socialledger.api.payment.event.RefundDeclined;
import org.socialledger.api.payment.event.RefundRequested;
import org.socialledger.api.payment.event.ReservationRequested;
import org.socialledger.projection.CopyRows;
import org.socialledger.projection.FoldedRows;

/**
 * The operations journal's rows of the payments that start in a rebuild's chunk, folded in memory
 * the way {@link OperationsJournal}'s statements change them: the same data and patches (its
 * static builders), {@code data || patch} as a top-level merge, {@code op_date} the greatest time
 * seen, {@code cancel} kept once set.
 */
public final class JournalRows implements FoldedRows {

    private static final class Row {
        private Instant opDate;
        private final byte[] id;
        private byte[] cancel;
        private ObjectNode data;

        Row(Instant opDate, byte[] id, ObjectNode data) {
            this.opDate = opDate;
            this.id = id;
            this.data = data;
        }
    }

    private final Map<ByteBuffer, Row> byId = new LinkedHashMap<>();
    private final Map<PaymentId, Row> payments = new HashMap<>();

    @Override
    public void fold(PaymentEvent event) {
        if (event instanceof ReservationRequested requested) {
            Row row = insert(new Row(requested.requestedAt(), bytes(requested.reserveOperationId()),
                    OperationsJournal.requestData(requested)));
            payments.put(requested.paymentId(), row);
            return;
        }
        if (event instanceof RefundRequested refund) {
            Row payment = payments.get(refund.paymentId());
            requireRow(payment == null ? 0 : 1, event);
            ObjectNode data = object();
            for (String key : COPIED_TO_REFUND) {
                JsonNode value = payment.data.get(key);
                data.set(key, value == null ? NullNode.getInstance() : value.deepCopy());
            }
            data.setAll(OperationsJournal.refundData(refund));
            insert(new Row(refund.requestedAt(), bytes(refund.refundOperationId()), data));
        }
        if (event instanceof PaymentRefunded refunded) {
            updateRefund(event, refunded.refundOperationId());
        }
        if (event instanceof RefundDeclined declined) {
            updateRefund(event, declined.refundOperationId());
        }
        Row payment = payments.get(event.paymentId());
        requireRow(payment == null ? 0 : 1, event);
        payment.opDate = latest(payment.opDate, event.occurredAt());
        payment.data.setAll(OperationsJournal.paymentPatch(event));
        OperationId cancel = OperationsJournal.confirmedCancel(event);
        if (cancel != null) {
            payment.cancel = bytes(cancel);
        }
    }

    /** INSERT ... ON CONFLICT (id): the later time, and what the row already holds wins. */
    private Row insert(Row row) {
        Row existing = byId.putIfAbsent(ByteBuffer.wrap(row.id), row);
        if (existing == null) {
            return row;
        }
        existing.opDate = latest(existing.opDate, row.opDate);
        ObjectNode merged = row.data.deepCopy();
        merged.setAll(existing.data);
        existing.data = merged;
        return existing;
    }

    private void updateRefund(PaymentEvent event, OperationId refundOperationId) {
        Row refund = byId.get(ByteBuffer.wrap(bytes(refundOperationId)));
        boolean found = refund != null && KIND_REFUND.equals(refund.data.path("kind").asText(null));
        requireRow(found ? 1 : 0, event);
        refund.opDate = latest(refund.opDate, event.occurredAt());
        refund.data.setAll(OperationsJournal.refundPatch(event));
    }

    /** The later of two times, a null one ignored (as GREATEST does). */
    static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    @Override
    public String copyStatement() {
        return "COPY soc_processing_operations (op_date, id, cancel, data) FROM STDIN";
    }

    @Override
    public void write(CopyRows out) throws SQLException {
        for (Row row : byId.values()) {
            out.value(row.opDate).value(row.id).value(row.cancel).json(row.data).endRow();
        }
    }
}
