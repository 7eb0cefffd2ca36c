package org.socialledger.till;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** {@code till_request}: the idempotency record of each acting request and the outbox of its reply. */
@Component
public class TillRequestStore {

    /** One row; {@code reply} is JSON text, null while the outcome is not known. */
    public record Row(String messageId, String fingerprint, String operation, UUID paymentId, String replyTo,
                      String correlationId, Instant receivedAt, Instant replyDueAt, String reply, Instant sentAt) {
    }

    private static final String COLUMNS = "message_id, request_hash, operation, payment_id, reply_to, correlation_id,"
            + " received_at, reply_due_at, reply::text AS reply, sent_at";

    private static final RowMapper<Row> ROW = TillRequestStore::row;

    private final JdbcTemplate jdbc;

    public TillRequestStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Row> find(String messageId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM till_request WHERE message_id = ?", ROW, messageId)
                .stream().findFirst();
    }

    /** @return false when the message_id is already recorded (by this or another instance) */
    public boolean insert(Row row) {
        return jdbc.update("""
                INSERT INTO till_request (message_id, request_hash, operation, payment_id, reply_to, correlation_id,
                                          received_at, reply_due_at, reply, replied_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (message_id) DO NOTHING""",
                row.messageId(), row.fingerprint(), row.operation(), row.paymentId(), row.replyTo(),
                row.correlationId(), ts(row.receivedAt()), ts(row.replyDueAt()), row.reply(),
                row.reply() == null ? null : ts(row.receivedAt())) == 1;
    }

    /**
     * A repeat of a request still in progress: the reply goes to the latest asker.
     *
     * @return false when the request has been answered meanwhile
     */
    public boolean redirect(String messageId, String replyTo, String correlationId) {
        return jdbc.update("UPDATE till_request SET reply_to = ?, correlation_id = ? WHERE message_id = ?"
                + " AND reply IS NULL", replyTo, correlationId, messageId) == 1;
    }

    /**
     * Requests of a payment still waiting for their answer, locked so two instances answer once.
     * The SQL names no "reply IS NULL": that would let the planner pick the due-time index (V7).
     */
    public List<Row> awaiting(UUID paymentId, String operation) {
        return jdbc.query("SELECT " + COLUMNS + " FROM till_request WHERE payment_id = ? AND operation = ? FOR UPDATE",
                ROW, paymentId, operation).stream().filter(row -> row.reply() == null).toList();
    }

    /** Requests whose till stops waiting before {@code now}; locked, skipping rows another instance holds. */
    public List<Row> overdue(Instant now, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM till_request WHERE reply IS NULL AND reply_due_at <= ?"
                + " ORDER BY reply_due_at LIMIT ? FOR UPDATE SKIP LOCKED", ROW, ts(now), limit);
    }

    /** Replies decided before {@code before} but not confirmed as published (a crash in between). */
    public List<Row> unsent(Instant before, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM till_request WHERE reply IS NOT NULL AND sent_at IS NULL"
                + " AND reply_to IS NOT NULL AND replied_at <= ? ORDER BY replied_at LIMIT ? FOR UPDATE SKIP LOCKED",
                ROW, ts(before), limit);
    }

    public void answer(String messageId, String reply, Instant at) {
        jdbc.update("UPDATE till_request SET reply = ?::jsonb, replied_at = ? WHERE message_id = ? AND reply IS NULL",
                reply, ts(at), messageId);
    }

    public void markSent(String messageId, Instant at) {
        jdbc.update("UPDATE till_request SET sent_at = ? WHERE message_id = ?", ts(at), messageId);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Row(rs.getString("message_id"), rs.getString("request_hash"), rs.getString("operation"),
                rs.getObject("payment_id", UUID.class), rs.getString("reply_to"), rs.getString("correlation_id"),
                rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("reply_due_at").toInstant(),
                rs.getString("reply"), sent == null ? null : sent.toInstant());
    }
}
