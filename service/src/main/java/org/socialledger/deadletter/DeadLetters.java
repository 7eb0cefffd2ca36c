package org.socialledger.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.socialledger.support.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dead-letter queues of the read models. Listing reads the table (one query for every group);
 * retry and evict go through Axon's queue, so they take the same locks and follow the same rules
 * as the processors do.
 */
@Component
public class DeadLetters {

    /** Diagnostics key counting failed attempts, written by {@link DeadLetterConfiguration}'s policy. */
    static final String FAILURES = "failures";

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final ObjectMapper json = new ObjectMapper();

    public DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** Every parked event, of one group or of all, by group, payment and place in the sequence. */
    public List<ParkedEvent> list(String group) {
        String sql = """
                SELECT processing_group, sequence_identifier, sequence_index, payload_type, time_stamp, cause_type,
                       cause_message, enqueued_at, last_touched, convert_from(diagnostics, 'UTF8') AS diagnostics
                FROM dead_letter_entry %s
                ORDER BY processing_group, sequence_identifier, sequence_index""";
        return group == null
                ? jdbc.query(sql.formatted(""), this::parked)
                : jdbc.query(sql.formatted("WHERE processing_group = ?"), this::parked, group);
    }

    /**
     * Handles the payment's parked events again, in order, with the live handlers (after the cause
     * was fixed). True when all went through and left the queue; false when one failed again and
     * the sequence stays parked (with the new cause).
     */
    public boolean retry(String group, String sequence) {
        requireSequence(group, sequence);
        return processing.sequencedDeadLetterProcessor(group).orElseThrow()
                .process(letter -> sequence.equals(sequenceOf(letter)));
    }

    /** Drops the payment's parked events: the read model will never see them (a replay would). */
    public int evict(String group, String sequence) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = requireSequence(group, sequence);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        letters.forEach(queue::evict);
        return letters.size();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> requireSequence(String group, String sequence) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group)
                .orElseThrow(() -> new NotFoundException("processing group " + group + " has no dead-letter queue"));
        if (!queue.contains(sequence)) {
            throw new NotFoundException("nothing of " + sequence + " is parked in " + group);
        }
        return queue;
    }

    /** Sequenced per aggregate (Axon's default policy): the payment id. */
    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier() : null;
    }

    private ParkedEvent parked(ResultSet row, int number) throws SQLException {
        String type = row.getString("payload_type");
        return new ParkedEvent(row.getString("processing_group"), row.getString("sequence_identifier"),
                row.getLong("sequence_index"), type.substring(type.lastIndexOf('.') + 1), time(row.getString("time_stamp")),
                row.getString("cause_type"), row.getString("cause_message"), time(row.getString("enqueued_at")),
                time(row.getString("last_touched")), failures(row.getString("diagnostics")));
    }

    private static Instant time(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }

    private long failures(String diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        try {
            JsonNode count = json.readTree(diagnostics).findValue(FAILURES);
            return count == null ? 0 : count.asLong();
        } catch (IOException e) {
            return 0;
        }
    }
}
