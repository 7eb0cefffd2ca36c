package org.socialledger.till;

import java.sql.PreparedStatement;
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
     * Records {@code reply} as the answer of the payment's requests of {@code operation} still
     * waiting for one, in one statement, and returns where each goes. Two instances answering
     * the same requests answer each once: the second update finds them answered once the first
     * commits. The requests are found by payment first ({@code MATERIALIZED}): a plan that looked
     * for unanswered requests by the due-time index (V7) first would read every waiting request.
     *
     * <p>The rows are marked sent in the same write, ahead of the publication: the caller
     * publishes before its transaction commits and takes the mark back ({@link #markUnsent}) for a
     * reply that could not be published. One write per answer instead of two.
     */
    public List<Answered> answerWaitingMarkedSent(UUID paymentId, String operation, String reply, Instant at) {
        return jdbc.query("""
                WITH requests AS MATERIALIZED (
                    SELECT message_id FROM till_request WHERE payment_id = ? AND operation = ?)
                UPDATE till_request t SET reply = ?::jsonb, replied_at = ?,
                    sent_at = CASE WHEN t.reply_to IS NULL THEN NULL ELSE ?::timestamptz END
                FROM requests r WHERE t.message_id = r.message_id AND t.reply IS NULL
                RETURNING t.message_id, t.reply_to, t.correlation_id""",
                (rs, rowNum) -> new Answered(rs.getString(1), rs.getString(2), rs.getString(3)),
                paymentId, operation, reply, ts(at), ts(at));
    }

    /** A request just answered: its message_id and where its till waits ({@code replyTo} null: nowhere). */
    public record Answered(String messageId, String replyTo, String correlationId) {
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

    public void markSent(List<String> messageIds, Instant at) {
        jdbc.update(connection -> {
            PreparedStatement update = connection.prepareStatement(
                    "UPDATE till_request SET sent_at = ? WHERE message_id = ANY (?)");
            update.setTimestamp(1, ts(at));
            update.setArray(2, connection.createArrayOf("varchar", messageIds.toArray()));
            return update;
        });
    }

    /** Replies marked sent that were not published after all: the sweeper publishes them again. */
    public void markUnsent(List<String> messageIds) {
        jdbc.update(connection -> {
            PreparedStatement update = connection.prepareStatement(
                    "UPDATE till_request SET sent_at = NULL WHERE message_id = ANY (?)");
            update.setArray(1, connection.createArrayOf("varchar", messageIds.toArray()));
            return update;
        });
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
