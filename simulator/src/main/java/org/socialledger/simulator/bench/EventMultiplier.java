package org.socialledger.simulator.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialledger.simulator.deploy.Database;

/**
 * Grows an event store to {@code target} events for the replay benchmark by copying the
 * payments a benchmark run left in it: every copy is the same story with new ids (every UUID in
 * the payload and metadata replaced consistently within a payment), so the projections see
 * distinct payments, receipts and operations. The copies' hash chains do not verify; this
 * database is for measuring, never for auditing.
 */
public final class EventMultiplier {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int BATCH = 2_000;

    private record Row(String aggregate, long sequence, String type, String timestamp, String payloadType,
                       String payloadRevision, String payload, String metadata) {
    }

    private final Database database;
    private final PrintStream out;

    public EventMultiplier(Database database, PrintStream out) {
        this.database = database;
        this.out = out;
    }

    /** @return the number of events in the store afterwards */
    public long growTo(long target) throws SQLException {
        try (Connection connection = database.connect()) {
            long count = count(connection);
            Map<String, List<Row>> payments = templates(connection);
            if (payments.isEmpty()) {
                throw new IllegalStateException("no events to copy: run the benchmark's payments first");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int batched = 0;
                while (count < target) {
                    for (List<Row> payment : payments.values()) {
                        Map<String, String> ids = new HashMap<>();
                        for (Row row : payment) {
                            insert.setString(1, UUID.randomUUID().toString());
                            insert.setString(2, renamed(row.aggregate(), ids));
                            insert.setLong(3, row.sequence());
                            insert.setString(4, row.type());
                            insert.setString(5, row.timestamp());
                            insert.setString(6, row.payloadType());
                            insert.setString(7, row.payloadRevision());
                            insert.setBytes(8, renamed(row.payload(), ids).getBytes(StandardCharsets.UTF_8));
                            insert.setBytes(9, row.metadata() == null ? null
                                    : renamed(row.metadata(), ids).getBytes(StandardCharsets.UTF_8));
                            insert.addBatch();
                            count++;
                            if (++batched == BATCH) {
                                insert.executeBatch();
                                connection.commit();
                                batched = 0;
                            }
                        }
                        if (count >= target) {
                            break;
                        }
                    }
                    out.printf("   %d events%n", count);
                }
                insert.executeBatch();
                connection.commit();
            }
            return count;
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<String, List<Row>> templates(Connection connection) throws SQLException {
        Map<String, List<Row>> payments = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,
                            convert_from(payload, 'UTF8'), convert_from(meta_data, 'UTF8')
                     FROM domain_event_entry ORDER BY global_index LIMIT 20000""")) {
            while (rows.next()) {
                Row row = new Row(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8));
                payments.computeIfAbsent(row.aggregate(), key -> new ArrayList<>()).add(row);
            }
        }
        return payments;
    }

    private static String renamed(String text, Map<String, String> ids) {
        Matcher matcher = UUID_TEXT.matcher(text);
        StringBuilder result = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(result, ids.computeIfAbsent(matcher.group(), key -> UUID.randomUUID().toString()));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
