package org.socialledger.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.socialledger.api.payment.Cause;
import org.socialledger.api.payment.PaymentId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A payment's events straight from the event store, as readable JSON: the auditor's source of truth. */
@Component
class EventHistory {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    EventHistory(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<PaymentHistory.Entry> of(PaymentId paymentId) {
        return jdbc.query("""
                SELECT sequence_number, global_index, payload_type, time_stamp,
                       convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta_data
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (row, number) -> {
                    JsonNode metadata = read(row.getString("meta_data"));
                    String type = row.getString("payload_type");
                    return new PaymentHistory.Entry(row.getLong("sequence_number"), row.getLong("global_index"),
                            type.substring(type.lastIndexOf('.') + 1), Instant.parse(row.getString("time_stamp")),
                            new PaymentHistory.Cause(text(metadata, Cause.KIND), text(metadata, Cause.TILL_MESSAGE_ID),
                                    text(metadata, Cause.TILL_CORRELATION_ID), text(metadata, Cause.DETAIL)),
                            read(row.getString("payload")));
                }, paymentId.toString());
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an event in the store is not JSON", e);
        }
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
