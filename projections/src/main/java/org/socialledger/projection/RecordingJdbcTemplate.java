package org.socialledger.projection;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A JdbcTemplate with no connection that only writes down the updates a projection handler asks
 * for, so {@link ProjectionBatch} can send them later in JDBC batches. It answers "one row" to each
 * update; the batch checks the real count when it runs the statement, so a handler's "no row for
 * this event" rule still fails loudly, only later. Anything else a handler might call reaches the
 * missing DataSource and fails: a handler that starts reading mid-event must not be batched blindly.
 */
final class RecordingJdbcTemplate extends JdbcTemplate {

    /** One update a handler asked for. */
    record Statement(String sql, Object[] arguments) {
    }

    private final List<Statement> recorded = new ArrayList<>();

    @Override
    public int update(String sql, Object... arguments) {
        recorded.add(new Statement(sql, arguments));
        return 1;
    }

    @Override
    public int update(String sql) {
        return update(sql, new Object[0]);
    }

    /** What the handlers asked for since the last call, in order. */
    List<Statement> drain() {
        List<Statement> statements = List.copyOf(recorded);
        recorded.clear();
        return statements;
    }
}
