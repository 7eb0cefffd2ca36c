package org.socialledger.journal;

import static org.socialledger.projection.JdbcValues.instant;
import static org.socialledger.projection.JdbcValues.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the operations journal for people: binary ids decoded into UUIDs. */
@Component
public class JournalQueries {

    private static final String COLUMNS = "SELECT op_date, id, cancel, data FROM soc_processing_operations ";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public JournalQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The row of one operation: a payment's reserve operation or a refund operation. */
    public Optional<JournalEntry> find(OperationId id) {
        return jdbc.query(COLUMNS + "WHERE id = ?", this::entry, (Object) OperationBytes.of(id.value()))
                .stream().findFirst();
    }

    /** A payment's row, then its refunds in the order they were asked for. */
    public List<JournalEntry> ofPayment(PaymentId paymentId) {
        return jdbc.query(COLUMNS + """
                WHERE data ->> 'paymentId' = ?
                ORDER BY data ->> 'kind' <> 'payment', data ->> 'requestedAt', id
                """, this::entry, paymentId.toString());
    }

    public List<JournalEntry> list(ListOperations query) {
        return jdbc.query(COLUMNS + "WHERE op_date >= ? AND op_date < ? ORDER BY op_date, id LIMIT ?", this::entry,
                timestamp(query.from()), timestamp(query.to()), query.limit());
    }

    private JournalEntry entry(ResultSet row, int rowNumber) throws SQLException {
        JsonNode data = parse(row.getString("data"));
        UUID cancel = OperationBytes.uuid(row.getBytes("cancel"));
        return new JournalEntry(instant(row, "op_date"), new OperationId(OperationBytes.uuid(row.getBytes("id"))),
                cancel == null ? null : new OperationId(cancel), data.path("kind").asText(null),
                data.hasNonNull("paymentId") ? PaymentId.of(data.get("paymentId").asText()) : null,
                data.path("status").asText(null), data);
    }

    private JsonNode parse(String data) {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            // jsonb only ever holds valid JSON: this would mean the column type was changed.
            throw new IllegalStateException("soc_processing_operations.data is not JSON", e);
        }
    }
}
