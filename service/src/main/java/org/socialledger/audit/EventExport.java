package org.socialledger.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * All events of a period (optionally of one store) as JSON Lines, streamed from a database
 * cursor straight to the output: memory stays flat however many events there are. Each line:
 * global index, payment id, sequence, type, time, payload and metadata as stored.
 */
@Component
public class EventExport {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json = new ObjectMapper();

    public EventExport(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** @return the number of events written */
    public long write(Instant from, Instant to, String storeId, OutputStream out) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.payload_type, e.time_stamp,
                       convert_from(e.payload, 'UTF8') AS payload, convert_from(e.meta_data, 'UTF8') AS meta_data
                FROM domain_event_entry e WHERE e.time_stamp >= ? AND e.time_stamp < ?""");
        List<Object> parameters = new ArrayList<>(List.of(stamp(from), stamp(to)));
        StoreFilter.append(sql, parameters, storeId);
        sql.append(" ORDER BY e.global_index");
        long[] count = {0};
        transactions.executeWithoutResult(status -> {
            try (JsonGenerator lines = json.getFactory().createGenerator(out)) {
                jdbc.query(connection -> {
                    PreparedStatement statement = connection.prepareStatement(sql.toString());
                    statement.setFetchSize(500);
                    for (int i = 0; i < parameters.size(); i++) {
                        statement.setObject(i + 1, parameters.get(i));
                    }
                    return statement;
                }, row -> {
                    try {
                        lines.writeStartObject();
                        lines.writeNumberField("globalIndex", row.getLong("global_index"));
                        lines.writeStringField("paymentId", row.getString("aggregate_identifier"));
                        lines.writeNumberField("sequence", row.getLong("sequence_number"));
                        String type = row.getString("payload_type");
                        lines.writeStringField("type", type.substring(type.lastIndexOf('.') + 1));
                        lines.writeStringField("time", row.getString("time_stamp"));
                        lines.writeFieldName("payload");
                        lines.writeRawValue(row.getString("payload"));
                        lines.writeFieldName("metadata");
                        lines.writeRawValue(row.getString("meta_data") == null ? "{}" : row.getString("meta_data"));
                        lines.writeEndObject();
                        lines.writeRaw('\n');
                        count[0]++;
                        if (count[0] % 1_000 == 0) {
                            lines.flush();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                lines.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return count[0];
    }

    /** Axon stores times as ISO-8601 text with three fraction digits; in that form text sorts as time does. */
    private static final java.time.format.DateTimeFormatter STORED = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private static String stamp(Instant instant) {
        return STORED.format(instant);
    }
}
