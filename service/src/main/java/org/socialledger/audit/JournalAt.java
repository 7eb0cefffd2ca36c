package org.socialledger.audit;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.socialledger.journal.JournalEntry;
import org.socialledger.journal.JournalQueries;
import org.socialledger.journal.ListOperations;
import org.socialledger.projection.ProjectionBatch;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operations journal as it stood at an instant: the journal's own handlers fold the events
 * stored by then into a temporary table that shadows the live one for this transaction only
 * (PostgreSQL looks in the session's temporary schema first), the journal's own query reads it,
 * and the transaction is rolled back. Every value comes from the events, as in the live table.
 */
@Component
public class JournalAt {

    /** Axon stores times as ISO-8601 text with three fraction digits; in that form text sorts as time does. */
    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int CHUNK = 5_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JournalQueries journal;
    private final Serializer eventSerializer;

    public JournalAt(JdbcTemplate jdbc, TransactionTemplate transactions, JournalQueries journal,
                     @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.journal = journal;
        this.eventSerializer = eventSerializer;
    }

    /**
     * Rows as of {@code at} (events stored at or before it), optionally of one store, whose
     * op_date (then) is in {@code query}'s range.
     */
    public List<JournalEntry> at(Instant at, String storeId, ListOperations query) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("CREATE TEMPORARY TABLE soc_processing_operations (LIKE " + liveTable() + " INCLUDING ALL)"
                    + " ON COMMIT DROP");
            fold(at, storeId);
            return journal.list(query);
        });
    }

    private String liveTable() {
        String schema = jdbc.queryForObject("SELECT current_schema()", String.class);
        return '"' + schema.replace("\"", "\"\"") + "\".soc_processing_operations";
    }

    private void fold(Instant at, String storeId) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.type, e.event_identifier,
                       e.payload_type, e.payload_revision, e.payload, e.time_stamp
                FROM domain_event_entry e WHERE e.time_stamp <= ?""");
        List<Object> parameters = new ArrayList<>(List.of(STORED.format(at)));
        StoreFilter.append(sql, parameters, storeId);
        sql.append(" ORDER BY e.global_index");
        ProjectionBatch batch = ProjectionBatch.journal(jdbc);
        List<EventMessage<?>> chunk = new ArrayList<>(CHUNK);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql.toString());
            statement.setFetchSize(CHUNK);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement;
        }, row -> {
            Object payload = eventSerializer.deserialize(new SimpleSerializedObject<>(row.getBytes("payload"),
                    byte[].class, row.getString("payload_type"), row.getString("payload_revision")));
            chunk.add(new GenericDomainEventMessage<>(row.getString("type"), row.getString("aggregate_identifier"),
                    row.getLong("sequence_number"), payload, Map.of(), row.getString("event_identifier"),
                    Instant.parse(row.getString("time_stamp"))));
            if (chunk.size() == CHUNK) {
                batch.apply(chunk);
                chunk.clear();
            }
        });
        batch.apply(chunk);
    }
}
