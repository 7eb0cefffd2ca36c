package org.socialledger.eventstore;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon's JDBC store that an append met the unique (payment, sequence) key, so it reports a
 * {@code ConcurrencyException} (another writer was first) instead of a general store failure.
 * Axon's {@code JdbcSQLErrorCodesResolver} compares vendor error codes, which PostgreSQL leaves at
 * 0; PostgreSQL names the violation by its SQLSTATE, {@value #UNIQUE_VIOLATION}, on the batch's
 * next exception.
 */
final class UniqueViolations implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    /** Far more than any driver nests; stops a cause chain that loops. */
    private static final int MAX_DEPTH = 16;

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Throwable cause = exception;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                SQLException next = sql;
                for (int batch = 0; next != null && batch < MAX_DEPTH; batch++, next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
