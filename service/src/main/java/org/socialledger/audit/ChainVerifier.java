package org.socialledger.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the whole event store in aggregate order (streamed with a cursor: constant memory) and
 * recomputes every event's hash from the stored bytes. Names each payment whose history was
 * altered (a hash that does not match), has a gap (a missing sequence number), or lacks hashes.
 */
@Component
public class ChainVerifier {

    /** One finding: which payment, at which event, what is wrong. */
    public record Problem(String paymentId, long sequence, String problem) {
    }

    public record Report(long events, long payments, List<Problem> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final HashChain chain = new HashChain();

    public ChainVerifier(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public Report verify() {
        Walk walk = new Walk();
        // A cursor (fetch size) only streams inside a transaction in PostgreSQL.
        transactions.executeWithoutResult(status -> {
            JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
            streaming.setFetchSize(500);
            streaming.query("""
                    SELECT aggregate_identifier, sequence_number, payload_type, time_stamp, payload, meta_data
                    FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number""", walk);
        });
        return new Report(walk.events, walk.payments, walk.problems);
    }

    private final class Walk implements RowCallbackHandler {
        private final List<Problem> problems = new ArrayList<>();
        private long events;
        private long payments;
        private String aggregate;
        private long expected;
        private String previous;
        private boolean reported;

        @Override
        public void processRow(ResultSet row) throws SQLException {
            events++;
            String id = row.getString("aggregate_identifier");
            long sequence = row.getLong("sequence_number");
            if (!id.equals(aggregate)) {
                aggregate = id;
                payments++;
                expected = 0;
                previous = HashChain.GENESIS;
                reported = false;
            }
            if (sequence != expected) {
                report(id, expected, "gap: events " + expected + ".." + (sequence - 1) + " are missing");
            }
            expected = sequence + 1;
            byte[] metadata = row.getBytes("meta_data");
            String recorded = chain.recorded(metadata, HashChain.HASH);
            String recordedPrevious = chain.recorded(metadata, HashChain.PREVIOUS);
            if (recorded == null) {
                report(id, sequence, "no hash recorded");
                previous = HashChain.GENESIS;
                return;
            }
            String computed = chain.hash(recordedPrevious == null ? previous : recordedPrevious, id, sequence,
                    row.getString("payload_type"), Instant.parse(row.getString("time_stamp")).toEpochMilli(),
                    row.getBytes("payload"));
            if (!previous.equals(recordedPrevious)) {
                report(id, sequence, "the chain is broken before this event (an event was changed or removed)");
            } else if (!computed.equals(recorded)) {
                report(id, sequence, "altered: the stored event does not match its hash");
            }
            previous = recorded;
        }

        /** One finding per payment is enough to send an auditor there. */
        private void report(String id, long sequence, String problem) {
            if (!reported) {
                problems.add(new Problem(id, sequence, problem));
                reported = true;
            }
        }
    }
}
