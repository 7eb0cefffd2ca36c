package org.socialledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What PostgreSQL's driver throws when a batch insert meets a unique key, as Axon's store hands it on. */
class UniqueViolationsTest {

    private final UniqueViolations resolver = new UniqueViolations();

    @Test
    void aBatchWhoseNextExceptionIsAUniqueViolationIsADuplicateKey() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry ... was aborted",
                "23505", 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", batch))).isTrue();
    }

    @Test
    void aUniqueViolationOnlyOnTheNextExceptionIsFoundThere() {
        SQLException first = new SQLException("batch aborted", "08006");
        first.setNextException(new SQLException("duplicate key", "23505"));

        assertThat(resolver.isDuplicateKeyViolation(first)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection lost", "08006"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("check constraint", "23514"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
