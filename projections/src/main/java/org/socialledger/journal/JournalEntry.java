package org.socialledger.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;

/**
 * One row of the operations journal, its binary ids read back as UUIDs.
 *
 * @param opDate  when the row last changed (the time of the last event that touched it)
 * @param id      the operation: a payment's reserve operation, or a refund operation
 * @param cancel  the cancel operation the service confirmed; null while nothing was cancelled
 * @param kind    {@code payment} or {@code refund}
 * @param status  a payment's state, or a refund's REQUESTED / REFUNDED / DECLINED
 * @param data    the whole {@code data} document (keys in V6__projections.sql)
 */
public record JournalEntry(Instant opDate, OperationId id, OperationId cancel, String kind, PaymentId paymentId,
                           String status, JsonNode data) {

    public JournalEntry {
        Objects.requireNonNull(opDate, "op_date is required");
        Objects.requireNonNull(id, "operation id is required");
        Objects.requireNonNull(data, "data is required");
    }
}
