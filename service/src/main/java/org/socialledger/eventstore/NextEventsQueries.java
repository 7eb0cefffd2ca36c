package org.socialledger.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * How event processors read the events after their token: the next {@code batchSize} stored
 * positions, wherever they are, instead of Axon's default window of the next {@code batchSize}
 * positions.
 *
 * <p>Axon's window can come back empty while events exist beyond it (a block of positions lost to
 * rolled-back inserts), so after every empty read it asks for the lowest position beyond the token
 * and reads again: its "extended gap check". A processor that has caught up reads empty after
 * nearly every event, so that check was one statement in twenty-five of a payment's (the
 * benchmark's statement counts, BENCHMARKS.md). Reading the next positions with {@code LIMIT} finds
 * the events beyond any block in one query, so the check is switched off: an empty read now means
 * there is nothing newer. The positions skipped on the way become the token's gaps exactly as
 * before, and the gaps are still asked for by position.
 */
final class NextEventsQueries {

    private NextEventsQueries() {
    }

    static PreparedStatement withoutGaps(Connection connection, EventSchema schema, long globalIndex, int batchSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(next(schema));
        statement.setLong(1, globalIndex);
        statement.setInt(2, batchSize);
        return statement;
    }

    static PreparedStatement withGaps(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                      List<Long> gaps) throws SQLException {
        // The gaps all lie below the token's position, so the two parts never overlap.
        String sql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.globalIndexColumn() + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?"))
                + ") UNION ALL (" + next(schema) + ") ORDER BY " + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        int parameter = 1;
        for (Long gap : gaps) {
            statement.setLong(parameter++, gap);
        }
        statement.setLong(parameter++, globalIndex);
        statement.setInt(parameter, batchSize);
        return statement;
    }

    private static String next(EventSchema schema) {
        return "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.globalIndexColumn() + " > ? ORDER BY " + schema.globalIndexColumn()
                + " ASC LIMIT ?";
    }
}
